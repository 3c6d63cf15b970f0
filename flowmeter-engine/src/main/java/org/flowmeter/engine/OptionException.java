package org.flowmeter.engine;

/**
 * A setting a user gave is out of range or malformed. Front ends report it as a usage error
 * (the command line's exit 2); the message names the option, e.g. "--max-flows must be at least 1".
 */
public final class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }

    /** The message of {@code cause} after the option's name ("--local-net: ..."). */
    public static OptionException of(String option, IllegalArgumentException cause) {
        OptionException e = new OptionException(option + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
