package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any Unicode text survives an export byte for byte, and the bytes keep the JSONL rules. */
class ExportRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> special = Arbitraries.of(
                "😀",
                "👩‍👩‍👧",
                "🇫🇷",
                "مرحبا بالعالم",
                "שלום",
                "\u202Eevil\u202C",
                "e\u0301",
                "Z\u0351\u0358\u035c",
                "\u2028",
                "\u2029",
                "\u0085",
                "\uFEFF",
                "\t",
                "\n",
                "\r\n",
                "\\",
                "\"",
                "\u0001",
                "\u001f",
                "\u007f",
                "</script>",
                "<|endoftext|>",
                "𝕏",
                "\uD83D\uDE00",
                " trailing ",
                "日本語のテキスト");
        Arbitrary<String> any = Arbitraries.strings()
                .all()
                .ofMaxLength(40)
                .filter(s -> dev.tuneloop.errors.Texts.problem(s, Integer.MAX_VALUE) == null);
        Arbitrary<String> piece =
                Arbitraries.oneOf(special, any, Arbitraries.strings().alpha().ofMaxLength(10));
        return piece.list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(l -> String.join("", l))
                .filter(s -> !s.isBlank());
    }

    @Property(tries = 150)
    void anyTextRoundTrips(
            @ForAll("texts") String system,
            @ForAll("texts") String user,
            @ForAll("texts") String prior,
            @ForAll("texts") String answer)
            throws Exception {
        Store store = Store.inMemory();
        example(1)
                .system(system)
                .user(user)
                .original(answer)
                .prior(List.of(ChatMessage.user(prior), ChatMessage.assistant(prior)))
                .into(store.examples());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(ExportOptions.builder().redact(false).minExamples(0).build(), out);
        byte[] bytes = out.toByteArray();

        assertThat(r.written()).isEqualTo(1);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes); // well-formed UTF-8
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1); // exactly one line
        assertThat(text).doesNotContain("\r").doesNotStartWith("\uFEFF");
        assertThat(text.charAt(text.length() - 2)).isEqualTo('}'); // no trailing whitespace
        JsonNode line = JSON.readTree(text);
        List<String> contents = new ArrayList<>();
        line.get("messages").forEach(m -> contents.add(m.get("content").textValue()));
        assertThat(contents).containsExactly(system, prior, prior, user, answer);
        byte[] compact = JSON.writeValueAsBytes(line); // compact: no whitespace between tokens
        assertThat(java.util.Arrays.copyOf(bytes, bytes.length - 1)).isEqualTo(compact);
        assertThat(r.validation().count(ProblemCode.INVALID_JSON)).isZero();
        assertThat(r.validation().tokens().examples()).isEqualTo(1);
    }

    @Property(tries = 60)
    void redactedExportsAreStillValidJsonl(@ForAll("texts") String user, @ForAll("texts") String answer)
            throws Exception {
        Store store = Store.inMemory();
        example(1)
                .user(user + " mail me at jane.doe@example.com")
                .original(answer)
                .into(store.examples());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(ExportOptions.builder().minExamples(0).build(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("jane.doe@example.com");
        assertThat(r.validation().errors()).isZero();
        assertThat(JsonlValidator.builder()
                        .minExamples(0)
                        .build()
                        .validate(new java.io.ByteArrayInputStream(out.toByteArray()))
                        .errors())
                .isZero();
    }
}
