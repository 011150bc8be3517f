package dev.tuneloop.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.tuneloop.errors.TuneloopException;
import java.io.IOException;
import java.time.Instant;

/** JSON of {@link EvaluationReport}; instants as ISO-8601 strings (core has no jsr310 module). Not API. */
final class ReportJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("tuneloop-eval")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportJson() {}

    static String write(EvaluationReport r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new TuneloopException("could not write the evaluation report as JSON", e);
        }
    }

    static EvaluationReport read(String json) {
        try {
            return MAPPER.readValue(json, EvaluationReport.class);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the input; name only the place
            throw new TuneloopException(
                    "text is not an evaluation report (problem at line "
                            + (e.getLocation() == null
                                    ? "?"
                                    : e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr())
                            + ")",
                    e);
        }
    }
}
