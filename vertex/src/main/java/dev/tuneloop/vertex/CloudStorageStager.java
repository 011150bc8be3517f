package dev.tuneloop.vertex;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.ProviderAuthenticationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link GcsStager} on google-cloud-storage: {@code Storage.createFrom} (a resumable upload) into one bucket under
 * a prefix, and {@code Storage.delete} for erasure.
 *
 * <p>google-cloud-storage is an optional dependency of tuneloop-vertex: a host that uses this class adds
 * {@code com.google.cloud:google-cloud-storage} itself (see docs/guide/vertex.md). The host owns the {@link Storage}
 * (its credentials, project and retry settings) and closes it. Thread-safe.
 */
public final class CloudStorageStager implements GcsStager {
    /** Bucket names as Cloud Storage allows them (3-222 characters, lowercase, digits, '-', '_', '.'). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    private final Storage storage;
    private final String bucket;
    private final String prefix;

    private CloudStorageStager(Storage storage, String bucket, String prefix) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * A stager writing to {@code gs://bucket/prefix…}.
     *
     * @param storage the host's Cloud Storage client
     * @param bucket  the bucket name, e.g. {@code "my-tuning-data"}; Vertex AI's service agent must be able to read it
     * @param prefix  the object name prefix, e.g. {@code "tuneloop/"}; may be empty
     * @return the stager
     * @throws ValidationException when the bucket name is not a valid bucket name or the prefix starts with '/'
     */
    public static CloudStorageStager create(Storage storage, String bucket, String prefix) {
        Objects.requireNonNull(storage, "storage");
        Checks.start()
                .require(
                        bucket != null && BUCKET.matcher(bucket).matches(),
                        "bucket must be a Cloud Storage bucket name (3-222 characters of a-z, 0-9, '-', '_', '.'),"
                                + " but was " + (bucket == null ? "null" : "\"" + bucket + "\""))
                .require(
                        prefix != null && !prefix.startsWith("/"),
                        "prefix must be non-null and must not start with '/', but was "
                                + (prefix == null ? "null" : "\"" + prefix + "\""))
                .orThrow();
        return new CloudStorageStager(storage, bucket, prefix);
    }

    @Override
    public String stage(Path file, String objectName) {
        BlobId id = BlobId.of(bucket, prefix + objectName);
        BlobInfo info =
                BlobInfo.newBuilder(id).setContentType("application/jsonl").build();
        try {
            storage.createFrom(info, file, Storage.BlobWriteOption.doesNotExist());
        } catch (IOException e) {
            throw new ValidationException("training file " + file.getFileName() + " could not be read: " + e);
        } catch (StorageException e) {
            throw translate(e, "staging " + uri(id));
        }
        return uri(id);
    }

    @Override
    public boolean delete(String gsUri) {
        BlobId id = parse(gsUri);
        try {
            return storage.delete(id);
        } catch (StorageException e) {
            throw translate(e, "deleting " + gsUri);
        }
    }

    private static String uri(BlobId id) {
        return "gs://" + id.getBucket() + "/" + id.getName();
    }

    /**
     * Splits {@code gs://bucket/object}.
     *
     * @param gsUri the URI
     * @return the blob id
     */
    static BlobId parse(String gsUri) {
        if (gsUri == null || !gsUri.startsWith("gs://") || gsUri.indexOf('/', 5) < 6) {
            throw new ValidationException("file id must be a gs://bucket/object URI, but was "
                    + (gsUri == null ? "null" : "\"" + gsUri + "\""));
        }
        int slash = gsUri.indexOf('/', 5);
        String object = gsUri.substring(slash + 1);
        if (object.isEmpty()) {
            throw new ValidationException("file id must name an object after the bucket, but was \"" + gsUri + "\"");
        }
        return BlobId.of(gsUri.substring(5, slash), object);
    }

    private static TuneloopException translate(StorageException e, String action) {
        int code = e.getCode();
        String detail = VertexErrors.clean(e.getMessage());
        if (code == 401) {
            return new ProviderAuthenticationException(
                    "Cloud Storage refused the credentials (HTTP 401) while " + action, null);
        }
        if (code == 403) {
            return new ProviderAuthenticationException(
                    "Cloud Storage refused " + action + " (HTTP 403): the credentials lack a permission on the bucket: "
                            + detail,
                    e);
        }
        if (code == 412) {
            return new TuneloopException(action + " failed: the object already exists", e);
        }
        if (e.isRetryable() || code == 0 || code == 408 || code == 429 || code >= 500) {
            return new RetriableException(
                    "Cloud Storage failed while " + action + " (HTTP " + code + ") after the client's retries: "
                            + detail,
                    e);
        }
        return new TuneloopException("Cloud Storage answered HTTP " + code + " while " + action + ": " + detail, e);
    }

    @Override
    public String toString() {
        return "CloudStorageStager[gs://" + bucket + "/" + prefix + "]";
    }
}
