package org.flowmeter.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Where the environment variable {@code CI} is set, a test that would skip itself (a failed
 * assumption: the shared captures, libpcap, a browser not found) fails instead: CI installs all
 * of them, so a skip there hides a broken set-up. A skip whose reason starts with
 * {@link #OPTIONAL} (something CI is not expected to have, such as a container engine) stays a skip.
 * Registered for every module's tests by service loading (JUnit's extension auto-detection,
 * switched on in the parent POM).
 */
public final class NoSkipInCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    /** The start of a skip reason that is allowed in CI too. */
    public static final String OPTIONAL = "optional: ";

    private final boolean ci;

    public NoSkipInCi() {
        this(System.getenv("CI") != null && !System.getenv("CI").isBlank());
    }

    NoSkipInCi(boolean ci) {
        this.ci = ci;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw inCi(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw inCi(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw inCi(throwable);
    }

    /** The throwable to report: a skip turned into a failure in CI, anything else unchanged. */
    Throwable inCi(Throwable throwable) {
        if (ci && throwable instanceof TestAbortedException aborted && !optional(aborted)) {
            return new AssertionFailedError("skipped in CI, where it must run: " + aborted.getMessage(), aborted);
        }
        return throwable;
    }

    private static boolean optional(TestAbortedException aborted) {
        String message = aborted.getMessage();
        return message != null && message.contains(OPTIONAL);
    }
}
