package org.flowmeter.feature;

/**
 * What is known, from how attacks work, about the direction in which a column's value moves
 * the suspicion of a flow. A model that honours it (sign-constrained weights, monotone trees)
 * cannot learn a shortcut of its training data that points the other way, such as "a
 * destination reached by thousands of sources is benign".
 */
public enum Direction {
    /** Nothing is known: the model may weigh the column either way. */
    NONE,
    /**
     * A larger value can only raise suspicion, all else equal: counts of failures, unanswered
     * flows and resets, of distinct endpoints, hosts, ports or sources reached, flows per second.
     */
    RAISES_SUSPICION
}
