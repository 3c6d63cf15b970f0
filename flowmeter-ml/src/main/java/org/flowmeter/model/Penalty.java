package org.flowmeter.model;

/** The regularisation norm of the logistic regression. */
public enum Penalty {
    L1,
    L2
}
