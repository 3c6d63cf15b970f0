package org.flowmeter.detect;

/**
 * Per slot and window (the current and the previous one of a {@link SlotWindows}): the distinct
 * request sizes seen with each answer size, up to {@code answers} answer sizes and, for each, up to
 * {@code requests} request sizes (beyond it only "at least that many" matters). A guesser's new
 * passwords all get one refusal: many request sizes with one answer size. A client of an API asks a
 * few things, each answered with its own size.
 *
 * <p>A slot's arrays are made when it first counts a session and reused after; adding and asking
 * scan at most {@code answers} entries.
 */
final class RequestSizesPerAnswer {
    private final int answers;
    private final int requests;
    private final Window[] current;
    private final Window[] previous;

    private static final class Window {
        final long[] answer;
        final long[] request;
        final int[] requestCount;
        /** Sessions counted with each answer size. */
        final int[] sessions;
        int answerCount;

        Window(int answers, int requests) {
            answer = new long[answers];
            request = new long[answers * requests];
            requestCount = new int[answers];
            sessions = new int[answers];
        }
    }

    RequestSizesPerAnswer(int slots, int answers, int requests) {
        this.answers = answers;
        this.requests = requests;
        this.current = new Window[slots];
        this.previous = new Window[slots];
    }

    /** Follows {@link SlotWindows#roll}: what it returned for the slot. */
    void rolled(int slot, int how) {
        if (how == SlotWindows.SHIFTED) {
            Window w = previous[slot];
            previous[slot] = current[slot];
            current[slot] = w;
            clear(current[slot]);
        } else if (how == SlotWindows.STARTED) {
            clear(current[slot]);
            clear(previous[slot]);
        }
    }

    private static void clear(Window w) {
        if (w != null) {
            w.answerCount = 0;
        }
    }

    void add(int slot, long answer, long request) {
        Window w = current[slot];
        if (w == null) {
            w = new Window(answers, requests);
            current[slot] = w;
        }
        int i = indexOf(w, answer);
        if (i < 0) {
            if (w.answerCount == answers) {
                return;
            }
            i = w.answerCount++;
            w.answer[i] = answer;
            w.requestCount[i] = 0;
            w.sessions[i] = 0;
        }
        w.sessions[i]++;
        int n = w.requestCount[i];
        if (n < requests && !has(w, i, n, request)) {
            w.request[i * requests + n] = request;
            w.requestCount[i] = n + 1;
        }
    }

    /** The most distinct request sizes any one answer size got over both windows (at most twice the cap). */
    int mostRequestsForOneAnswer(int slot) {
        Window cur = current[slot];
        Window prev = previous[slot];
        int best = 0;
        if (cur != null) {
            for (int i = 0; i < cur.answerCount; i++) {
                best = Math.max(best, requestsOverBoth(cur, i, prev));
            }
        }
        if (prev != null) {
            for (int j = 0; j < prev.answerCount; j++) {
                best = Math.max(best, prev.requestCount[j]);
            }
        }
        return best;
    }

    /**
     * The most sessions over both windows that got one same answer size, among the answer sizes
     * that came after at least {@code leastRequests} distinct request sizes (up to the cap): the
     * refusals of a guesser whose every try also fetched something else (a login form before
     * each post), which the other answers do not hide.
     */
    int mostSessionsOfOneAnswer(int slot, int leastRequests) {
        Window cur = current[slot];
        Window prev = previous[slot];
        int best = 0;
        if (cur != null) {
            for (int i = 0; i < cur.answerCount; i++) {
                if (requestsOverBoth(cur, i, prev) >= leastRequests) {
                    int j = prev == null ? -1 : indexOf(prev, cur.answer[i]);
                    best = Math.max(best, cur.sessions[i] + (j >= 0 ? prev.sessions[j] : 0));
                }
            }
        }
        if (prev != null) {
            for (int j = 0; j < prev.answerCount; j++) {
                boolean inCurrent = cur != null && indexOf(cur, prev.answer[j]) >= 0;
                if (!inCurrent && prev.requestCount[j] >= leastRequests) {
                    best = Math.max(best, prev.sessions[j]);
                }
            }
        }
        return best;
    }

    /** Distinct request sizes of answer {@code i} of {@code cur}, those of the same answer in {@code prev} added. */
    private int requestsOverBoth(Window cur, int i, Window prev) {
        int n = cur.requestCount[i];
        int j = prev == null ? -1 : indexOf(prev, cur.answer[i]);
        if (j >= 0) {
            for (int k = 0; k < prev.requestCount[j]; k++) {
                if (!has(cur, i, cur.requestCount[i], prev.request[j * requests + k])) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int indexOf(Window w, long answer) {
        for (int i = 0; i < w.answerCount; i++) {
            if (w.answer[i] == answer) {
                return i;
            }
        }
        return -1;
    }

    private boolean has(Window w, int i, int n, long request) {
        for (int k = 0; k < n; k++) {
            if (w.request[i * requests + k] == request) {
                return true;
            }
        }
        return false;
    }
}
