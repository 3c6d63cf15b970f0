package org.flowmeter.live;

import java.io.IOException;

/** A live-capture failure with a message fit for one line on the terminal. */
public final class LiveCaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    public LiveCaptureException(String message) {
        super(message);
    }

    public LiveCaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
