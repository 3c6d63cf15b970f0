package org.flowmeter.cli;

/**
 * The input cannot give what was asked of it: too few flows of a class, an input with no flows,
 * labels that do not fit the data. An input problem (exit 1), not a usage error: the command
 * line was well formed.
 */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
