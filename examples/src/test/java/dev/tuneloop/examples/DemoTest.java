package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.AgreementReport;
import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.SuggestionAgreement;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.JsonlValidator;
import dev.tuneloop.export.ValidationResult;
import dev.tuneloop.jdbc.JdbcStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, run as a test: the whole loop offline on an H2 file database. */
class DemoTest {

    @Test
    void theDemoRunsTheWholeLoopOffline(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"--data-dir", dir.toString()});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("recorded 240 interactions (all written)")
                .contains("0 dropped")
                .containsPattern("overall: (PASS|WARN)") // the frozen split hashes fresh ids: counts vary a little
                .contains("validation: 0 errors")
                .contains("SIMULATED")
                // every curated answer is the expert one, so whichever examples the frozen split holds out, the
                // fine-tuned model never does worse than the base: the verdict is the same every run
                .contains("verdict: PROMOTE")
                .contains("deployed v1")
                .doesNotContain("nothing deployed");
        assertThat(out).doesNotContain("NOT all written");
        for (String file : new String[] {
            "training_data.jsonl", "preference_data.jsonl", "evaluation.json", "evaluation.html", "tuneloop.mv.db"
        }) {
            assertThat(dir.resolve(file)).exists();
            assertThat(Files.size(dir.resolve(file))).isPositive();
        }
        assertThat(out).containsPattern("\\d+ of them called the get_filing tool");

        // part of the traffic called get_filing: the SFT file teaches the call, its result and the final answer
        List<String> lines = Files.readAllLines(dir.resolve("training_data.jsonl"), StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        long withToolCalls = 0;
        for (String line : lines) {
            JsonNode messages = json.readTree(line).get("messages");
            if (line.contains("\"tool_calls\"")) {
                withToolCalls++;
                JsonNode tools = json.readTree(line).get("tools");
                assertThat(tools.get(0).get("function").get("name").asText()).isEqualTo("get_filing");
                JsonNode call = messages.get(2).get("tool_calls").get(0);
                assertThat(call.get("function").get("name").asText()).isEqualTo("get_filing");
                assertThat(json.readTree(call.get("function").get("arguments").asText())
                                .has("ticker"))
                        .isTrue();
                assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
                assertThat(messages.get(3).get("tool_call_id").asText())
                        .isEqualTo(call.get("id").asText());
                assertThat(messages.get(messages.size() - 1).get("role").asText())
                        .isEqualTo("assistant");
            }
        }
        assertThat(withToolCalls).isPositive().isLessThan(lines.size());
        ValidationResult validation = JsonlValidator.builder()
                .baseModel(Demo.BASE_MODEL)
                .build()
                .validate(dir.resolve("training_data.jsonl"));
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.ok()).isTrue();
        assertThat(validation.lines()).isEqualTo(lines.size());

        // every trainer preset is written, with its dataset card, and passes its own validator
        for (ExportFormat preset : Demo.PRESETS) {
            Path file = dir.resolve(preset.fileStem() + ".jsonl");
            ValidationResult check = JsonlValidator.builder()
                    .format(preset)
                    .minExamples(1)
                    .build()
                    .validate(file);
            assertThat(check.ok()).as(preset + ": " + check.problems()).isTrue();
            assertThat(check.format()).isEqualTo(preset);
            assertThat(out)
                    .containsPattern(
                            preset.fileStem() + "\\.jsonl +" + check.lines() + " lines, .*; valid \\(0 errors");
            assertThat(dir.resolve(preset.fileStem() + ".README.md")).isNotEmptyFile();
        }
        assertThat(dir.resolve("training_data.axolotl.yml")).isNotEmptyFile();
        assertThat(dir.resolve("training_data.dataset_info.json")).isNotEmptyFile();
        assertThat(dir.resolve("chat-preference.axolotl.yml")).content().contains("chat-preference.jsonl");
        assertThat(dir.resolve("chat-preference.dataset_info.json")).content().contains("\"ranking\": true");
        assertThat(dir.resolve("chat-kto.dataset_info.json")).content().contains("\"kto_tag\": \"label\"");
        if (System.getenv("OPENAI_API_KEY") == null && System.getenv("OPENAI_BASE_URL") == null) {
            assertThat(out).contains("Offline mode");
        }
        reviewTeamFiguresMatchTheStore(out, dir);
    }

    /** Phase 2's two reviewers, blind double review, pre-review and agreement figures, checked against the store. */
    private static void reviewTeamFiguresMatchTheStore(String out, Path dir) {
        Matcher candidates = find(out, "  (\\d+) candidates \\(created in the last 7 days");
        int candidateCount = Integer.parseInt(candidates.group(1));
        Matcher estimate = find(
                out,
                "estimate before it starts: (\\d+) calls \\((\\d+) cached\\), (\\d+) prompt tokens"
                        + " \\+ at most (\\d+) output tokens, at most \\$([0-9.]+)");
        assertThat(Integer.parseInt(estimate.group(1))).isEqualTo(candidateCount); // a fresh database: nothing cached
        assertThat(Integer.parseInt(estimate.group(2))).isZero();
        assertThat(Long.parseLong(estimate.group(3))).isPositive();
        assertThat(Long.parseLong(estimate.group(4))).isEqualTo(800L * candidateCount);
        assertThat(new BigDecimal(estimate.group(5))).isPositive();
        Matcher pre = find(
                out,
                "pre-reviewed (\\d+) candidates: (\\d+) suggestions stored beside them \\((\\d+) model calls, "
                        + "0 cached, 0 unparseable, 0 failed\\)");
        assertThat(Integer.parseInt(pre.group(1))).isEqualTo(candidateCount);
        assertThat(Integer.parseInt(pre.group(2))).isEqualTo(candidateCount);
        assertThat(Integer.parseInt(pre.group(3))).isEqualTo(candidateCount);
        Matcher blind = find(
                out,
                "blind double review on 20% of candidates: (\\d+) reviewed twice blind, (\\d+) agreed, "
                        + "(\\d+) disagreements settled by alice \\(rules\\) with a reason");
        int blindCount = Integer.parseInt(blind.group(1));
        int agreed = Integer.parseInt(blind.group(2));
        int settled = Integer.parseInt(blind.group(3));
        assertThat(agreed + settled).isEqualTo(blindCount);
        // kappa per pair in [-1, 1] (or n/a when undefined); the pair's items are the blind cases
        Matcher pair = find(
                out,
                "reviewer agreement (.+?) \\+ (.+?): (\\d+) items, Cohen's kappa on category (n/a|-?[0-9.]+), "
                        + "score mean \\|diff\\| (n/a|[0-9.]+), r (n/a|-?[0-9.]+)");
        assertThat(Integer.parseInt(pair.group(3))).isEqualTo(blindCount);
        assertThat(List.of(pair.group(1), pair.group(2)))
                .containsExactlyInAnyOrder("alice (rules)", "bob (rules, stricter)");
        if (!pair.group(4).equals("n/a")) {
            assertThat(Double.parseDouble(pair.group(4))).isBetween(-1.0, 1.0);
        }
        Matcher trust = find(
                out,
                "pre-review suggestions vs the reviewers' decisions: (\\d+) items, same label (n/a|\\d+%), "
                        + "kappa (n/a|-?[0-9.]+); score mean \\|diff\\| (n/a|[0-9.]+) over (\\d+) approved");
        // every candidate was pre-reviewed and then decided by the humans
        assertThat(Integer.parseInt(trust.group(1))).isEqualTo(candidateCount);
        if (!trust.group(3).equals("n/a")) {
            assertThat(Double.parseDouble(trust.group(3))).isBetween(-1.0, 1.0);
        }

        // the same figures, read back from the demo's database
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("tuneloop"));
        JdbcStore store = JdbcStore.create(h2);
        List<BlindCase> cases = new ArrayList<>();
        store.blindReviews().scan(cases::add);
        assertThat(cases).hasSize(blindCount).allSatisfy(c -> {
            assertThat(c.decisions()).hasSize(2);
            assertThat(c.decisions().get(0).reviewer())
                    .isNotEqualTo(c.decisions().get(1).reviewer());
        });
        assertThat(cases.stream().filter(c -> c.settled().isPresent())).hasSize(settled);
        assertThat(cases.stream().filter(BlindCase::disagrees)).hasSize(settled);
        assertThat(store.blindReviews().open()).isEmpty();
        long[] suggestions = {0};
        store.suggestions().scan(x -> suggestions[0]++);
        assertThat(suggestions[0]).isEqualTo(candidateCount);
        AgreementReport report = store.blindReviews().agreementReport();
        assertThat(report.pairs()).hasSize(blindCount == 0 ? 0 : 1);
        SuggestionAgreement fromStore = SuggestionAgreement.of(store.suggestions(), store.examples());
        assertThat(fromStore.items()).isEqualTo(candidateCount);
        assertThat(fromStore.approvedItems()).isEqualTo(Integer.parseInt(trust.group(5)));
    }

    private static Matcher find(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("output contains /" + regex + "/:%n%s", out).isTrue();
        return m;
    }
}
