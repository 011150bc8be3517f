package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a release publishes is complete: every module of the build is either in the BOM or marked as not published
 * (never installed or deployed), and the consumer check runs the README's quick start exactly as the README shows it.
 */
class PublicationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT_ID = Pattern.compile(
            "</parent>\\s*<artifactId>([^<]+)</artifactId>|^\\s*<artifactId>([^<]+)</artifactId>", Pattern.MULTILINE);

    @Test
    void everyPublishedModuleIsInTheBomAndEveryOtherIsMarkedUnpublished() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).contains("core", "bom", "examples", "benchmarks", "consumer-check");
        List<String> problems = new ArrayList<>();
        for (String module : modules) {
            if (module.equals("bom")) {
                continue;
            }
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            String artifactId = artifactId(pom);
            boolean unpublished = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
            boolean inBom = bom.contains("<artifactId>" + artifactId + "</artifactId>");
            if (unpublished) {
                if (inBom) {
                    problems.add(module + " is marked unpublished but the BOM lists " + artifactId);
                }
                if (!pom.contains("<maven.install.skip>true</maven.install.skip>")) {
                    problems.add(module + " is unpublished but not marked maven.install.skip");
                }
            } else {
                if (!inBom) {
                    problems.add(module + " is published but the BOM does not list " + artifactId);
                }
                if (!pom.contains("<description>")) {
                    problems.add(module + " needs its own <description> (Maven Central shows it)");
                }
                if (!pom.contains("<module.name>")) {
                    problems.add(module + " needs a module.name property (Automatic-Module-Name)");
                }
            }
        }
        assertThat(problems).as("publication problems").isEmpty();
    }

    @Test
    void theConsumerCheckRunsTheReadmeQuickStartAsWritten() throws IOException {
        Path consumer = ROOT.resolve("consumer-check/src/it/quickstart/src/test/java/com/example/QuickStartTest.java");
        Path quickStart = ROOT.resolve("examples/src/main/java/dev/tuneloop/examples/QuickStart.java");
        Path quickStartTest = ROOT.resolve("examples/src/test/java/dev/tuneloop/examples/QuickStartTest.java");
        assertThat(DocumentationSnippetsTest.tokens(DocumentationSnippetsTest.region(consumer, "quickstart")))
                .isEqualTo(
                        DocumentationSnippetsTest.tokens(DocumentationSnippetsTest.region(quickStart, "quickstart")));
        assertThat(DocumentationSnippetsTest.tokens(DocumentationSnippetsTest.region(consumer, "quickstart-setup")))
                .isEqualTo(DocumentationSnippetsTest.tokens(
                        DocumentationSnippetsTest.region(quickStartTest, "quickstart-setup")));
    }

    private static String artifactId(String pom) {
        Matcher m = ARTIFACT_ID.matcher(pom);
        while (m.find()) {
            String id = m.group(1) != null ? m.group(1) : m.group(2);
            if (!id.equals("tuneloop-parent")) {
                return id;
            }
        }
        throw new AssertionError("no artifactId in " + pom.substring(0, Math.min(200, pom.length())));
    }
}
