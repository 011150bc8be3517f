package dev.tuneloop.export;

import java.io.ByteArrayOutputStream;

/** A reusable byte buffer whose array can be read without copying. */
final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
        super(4096);
    }

    byte[] array() {
        return buf;
    }
}
