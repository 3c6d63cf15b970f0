package org.flowmeter.feature;

import java.util.List;

/**
 * Request/response structure without payload inspection: a message is a run of consecutive
 * payload-carrying packets in one direction (packets without payload, such as bare ACKs, do not
 * end a run). Counts and sizes of the forward and backward messages tell a client that sends
 * many near-identical small requests and gets small answers (path and password guessing over
 * one connection) from one that fetches pages, which per-packet sizes alone mix up; how often a
 * message repeats the size of the one before tells a load test (one request, over and over) from
 * a guesser (a new word each time) whose answers are all the same refusal.
 * Sizes are transport payload bytes. See docs/exchange-features.md.
 */
public final class ExchangeFeatures implements FeatureSet {
    public static final String NAME = "exchange";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return ExchangeState.COLUMNS.columns();
    }

    @Override
    public FlowFeatures newFlow() {
        return new ExchangeState();
    }
}
