package org.flowmeter.flow;

/**
 * Flows ordered by the time of their last packet, oldest first: touching a flow moves it to the
 * newest end, so expiry only ever looks at the oldest end. Intrusive, so O(1) and allocation-free.
 */
final class RecencyList {
    private Flow oldest;
    private Flow newest;
    private int size;

    Flow oldest() {
        return oldest;
    }

    int size() {
        return size;
    }

    void addNewest(Flow f) {
        f.older = newest;
        f.newer = null;
        if (newest != null) {
            newest.newer = f;
        } else {
            oldest = f;
        }
        newest = f;
        f.list = this;
        size++;
    }

    void remove(Flow f) {
        if (f.older != null) {
            f.older.newer = f.newer;
        } else {
            oldest = f.newer;
        }
        if (f.newer != null) {
            f.newer.older = f.older;
        } else {
            newest = f.older;
        }
        f.older = null;
        f.newer = null;
        f.list = null;
        size--;
    }

    void touch(Flow f) {
        if (f != newest) {
            remove(f);
            addNewest(f);
        }
    }
}
