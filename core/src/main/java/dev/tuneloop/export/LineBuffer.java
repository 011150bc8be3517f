package dev.tuneloop.export;

import java.io.ByteArrayOutputStream;

/** A reusable byte buffer whose array can be read without copying. */
final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
        super(4096);
    }

    /** The backing array; its first {@link #size()} bytes are the content. */
    byte[] array() {
        return buf;
    }
}
