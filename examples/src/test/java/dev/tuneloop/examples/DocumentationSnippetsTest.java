package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java code block in README.md and docs/ is checked against the source region it quotes, so the documentation
 * cannot drift from code that compiles and that a test runs.
 *
 * <p>A block is preceded by {@code <!-- snippet: path/from/repository/root/File.java#name -->}; the file holds the
 * region between the lines {@code // snippet:name} and {@code // end-snippet:name}. Block and region are compared with
 * all whitespace and line-comment markers removed, so the documentation may lay the code out by hand (and align its
 * comments) while every token, string and comment word stays the source's.
 */
class DocumentationSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK =
            Pattern.compile("(?:<!--\\s*snippet:\\s*(\\S+?)#(\\S+?)\\s*-->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    record Block(Path doc, int line, String file, String region, String code) {
        @Override
        public String toString() {
            return ROOT.relativize(doc) + ":" + line;
        }
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Block> blocks() throws IOException {
        List<Block> out = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1;
                out.add(new Block(doc, line, m.group(1), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    /** Whitespace and {@code //} removed: what must be equal between a block and its region. */
    static String tokens(String code) {
        return code.replace("//", "").replaceAll("\\s+", "");
    }

    /** The lines strictly between the region's markers. */
    static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("// snippet:" + name)) {
                assertThat(start).as("region %s opened twice in %s", name, file).isEqualTo(-1);
                start = i + 1;
            } else if (l.equals("// end-snippet:" + name)) {
                assertThat(start)
                        .as("region %s closed before it opened in %s", name, file)
                        .isNotEqualTo(-1);
                return String.join("\n", lines.subList(start, i));
            }
        }
        throw new AssertionError(
                "no region '" + name + "' (// snippet:" + name + " … // end-snippet:" + name + ") in " + file);
    }

    @Test
    void everyJavaBlockNamesTheSourceRegionItQuotes() throws IOException {
        List<Block> blocks = blocks();
        assertThat(blocks).as("Java blocks in README.md and docs/").isNotEmpty();
        assertThat(blocks)
                .as("Java blocks without a <!-- snippet: path#region --> line right before them")
                .allMatch(b -> b.file() != null);
    }

    @Test
    void everyJavaBlockIsItsSourceRegion() throws IOException {
        List<String> drift = new ArrayList<>();
        for (Block b : blocks()) {
            if (b.file() == null) {
                continue;
            }
            Path source = ROOT.resolve(b.file());
            assertThat(source).as("source of %s", b).exists();
            String region = region(source, b.region());
            if (!tokens(region).equals(tokens(b.code()))) {
                drift.add(b + " differs from " + b.file() + "#" + b.region() + "; the region reads:\n"
                        + region.stripIndent());
            }
        }
        assertThat(drift)
                .as("documentation blocks that drifted from their source")
                .isEmpty();
    }

    @Test
    void theComparisonSeesAChangedTokenButNotALayoutChange() {
        String source = "Store store = Store.inMemory(); // tests\nstore.close();";
        assertThat(tokens("Store store =\n    Store.inMemory();   //   tests\nstore.close();"))
                .isEqualTo(tokens(source));
        assertThat(tokens("Store store = Store.inMemory(); // tests\nstore.flush();"))
                .isNotEqualTo(tokens(source));
    }
}
