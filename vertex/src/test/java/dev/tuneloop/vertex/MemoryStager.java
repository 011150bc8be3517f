package dev.tuneloop.vertex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link GcsStager} for tests that keeps staged files in memory under {@code gs://test-bucket/…}. */
final class MemoryStager implements GcsStager {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public String stage(Path file, String objectName) {
        try {
            String uri = "gs://test-bucket/tuneloop/" + objectName;
            objects.put(uri, Files.readAllBytes(file));
            return uri;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String gsUri) {
        return objects.remove(gsUri) != null;
    }
}
