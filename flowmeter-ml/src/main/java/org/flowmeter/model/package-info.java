/** Weighted logistic regression models: training, scoring, metrics and model files. */
package org.flowmeter.model;
