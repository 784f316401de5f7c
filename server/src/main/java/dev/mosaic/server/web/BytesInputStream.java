package dev.mosaic.server.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.ByteArrayInputStream;

/** A request body held in memory, read synchronously: what a replayed or synthetic request hands its handler. */
public final class BytesInputStream extends ServletInputStream {
    private final ByteArrayInputStream bytes;

    public BytesInputStream(byte[] body) {
        this.bytes = new ByteArrayInputStream(body);
    }

    @Override
    public boolean isFinished() {
        return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("read synchronously");
    }

    @Override
    public int read() {
        return bytes.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return bytes.read(b, off, len);
    }
}
