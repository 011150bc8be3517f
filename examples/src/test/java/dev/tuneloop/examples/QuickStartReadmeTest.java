package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quick start is exactly the code between the README markers of {@code QuickStart.java}, in order. */
class QuickStartReadmeTest {

    /** Code without whitespace and line-comment markers: the formatter may wrap lines and trailing comments. */
    private static String tokens(String code) {
        return code.replace("//", "").replaceAll("\\s+", "");
    }

    @Test
    void theReadmeShowsExactlyTheQuickStartsCode() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(
                readme.indexOf("<!-- section:quickstart -->"), readme.indexOf("<!-- /section:quickstart -->"));
        String snippet = section.substring(
                section.indexOf("```java") + 7, section.indexOf("```", section.indexOf("```java") + 7));

        String source = Files.readString(Path.of("src/main/java/dev/tuneloop/examples/QuickStart.java"));
        StringBuilder quoted = new StringBuilder();
        Matcher m = Pattern.compile("// README:BEGIN\\n(.*?)// README:END", Pattern.DOTALL)
                .matcher(source);
        while (m.find()) {
            quoted.append(m.group(1));
        }
        assertThat(quoted).as("README regions in QuickStart.java").isNotEmpty();
        assertThat(tokens(snippet)).isEqualTo(tokens(quoted.toString()));
    }

    @Test
    void theQuickStartShowsTheSeedTaxonomyAndNamesTheRoutersSalt() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(
                readme.indexOf("<!-- section:quickstart -->"), readme.indexOf("<!-- /section:quickstart -->"));
        assertThat(section)
                .as("the seed's eight categories are opt-in: the quick start must ask for them")
                .contains(".taxonomy(Taxonomy.SEED)")
                .contains("the default taxonomy is open");
        assertThat(section)
                .as("fineTunedVsBase's first argument is the salt, not the suffix it resembles")
                .containsPattern("fineTunedVsBase\\(\"[^\"]+\" /\\* salt \\*/");
    }
}
