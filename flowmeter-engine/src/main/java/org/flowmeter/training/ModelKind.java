package org.flowmeter.training;

/** The model train fits: a grid-searched logistic regression or gradient-boosted trees. */
public enum ModelKind { logistic, gbt }
