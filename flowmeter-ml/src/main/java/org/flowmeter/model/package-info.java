/**
 * Weighted logistic regression for flagging malicious flows: datasets and standardisation,
 * liblinear training with cross-validated grid search, metrics, and model files (JSON and
 * Deepfence FlowMeter's parameter files). Works on plain feature matrices only.
 */
package org.flowmeter.model;
