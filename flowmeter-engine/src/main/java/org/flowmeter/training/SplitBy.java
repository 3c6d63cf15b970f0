package org.flowmeter.training;

/** How rows are shared out between training and test parts and between folds: one by one, or by input. */
public enum SplitBy { flow, input }
