package dev.tuneloop.vertex;

import java.nio.file.Path;

/**
 * Puts a training file into Cloud Storage, where Vertex AI reads it. {@link VertexFineTuneClient#upload(Path)} stages
 * through this interface and returns the {@code gs://} URI as the file id.
 *
 * <p>Ready-made: {@link CloudStorageStager#create(com.google.cloud.storage.Storage, String, String)} on
 * google-cloud-storage (an optional dependency the host adds). A host that uploads files its own way implements
 * {@link #stage} itself, or skips {@code upload} and hands the {@code gs://} URI it uploaded as the training file id
 * of the {@link dev.tuneloop.tune.FineTuneRequest}; {@link #hostManaged()} is the stager for that case.
 *
 * <p>Implementations are thread-safe.
 */
public interface GcsStager {

    /**
     * Copies a local file into Cloud Storage.
     *
     * @param file       a readable local file
     * @param objectName the object name to use under the stager's bucket and prefix, e.g.
     *     {@code "3f2a…-train.jsonl"}; unique per call
     * @return the object's URI, {@code gs://bucket/object}
     * @throws dev.tuneloop.errors.RetriableException when Cloud Storage could not be reached; the call may be repeated
     * @throws dev.tuneloop.tune.ProviderAuthenticationException when Cloud Storage refused the credentials
     */
    String stage(Path file, String objectName);

    /**
     * Deletes a staged object, for erasure.
     *
     * <p>The default says this stager cannot delete; erasure then lists the object for the operator.
     *
     * @param gsUri the object's URI, as {@link #stage} returned it
     * @return {@code true} when it was deleted, {@code false} when there was no such object
     * @throws UnsupportedOperationException when this stager cannot delete objects
     */
    default boolean delete(String gsUri) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " cannot delete staged objects; delete " + gsUri + " in Cloud Storage");
    }

    /**
     * A stager for hosts that upload training files themselves and pass their {@code gs://} URIs in the request: it
     * refuses to stage, with a message that says so. It never silently does nothing.
     *
     * @return the stager
     */
    static GcsStager hostManaged() {
        return new GcsStager() {
            @Override
            public String stage(Path file, String objectName) {
                throw new UnsupportedOperationException("this VertexFineTuneClient has no Cloud Storage stager: upload "
                        + "the file to a gs:// bucket Vertex AI can read and pass the gs:// URI as trainingFileId");
            }

            @Override
            public String toString() {
                return "GcsStager.hostManaged()";
            }
        };
    }
}
