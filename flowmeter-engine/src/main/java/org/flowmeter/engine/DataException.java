package org.flowmeter.engine;

/**
 * The input cannot give what was asked of it: too few flows of a class for the folds, inputs
 * that cannot fill a split. An input problem (the command line's exit 1), not a usage error:
 * the options were well formed.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
