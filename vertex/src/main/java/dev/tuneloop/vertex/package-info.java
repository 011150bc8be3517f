/**
 * Fine-tuning Gemini models on Vertex AI: {@link dev.tuneloop.vertex.VertexFineTuneClient} on the official
 * google-genai SDK, with training files staged in Cloud Storage through {@link dev.tuneloop.vertex.GcsStager}.
 */
@org.jspecify.annotations.NullMarked
package dev.tuneloop.vertex;
