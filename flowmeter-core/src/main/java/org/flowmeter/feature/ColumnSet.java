package org.flowmeter.feature;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A feature set's columns, each declared once with its name, type, direction and how its value
 * is read from the set's per-flow state {@code S}. Rows and value arrays are written from this
 * declaration, so a column's name and its value cannot drift apart.
 *
 * <p>A column may declare the parts of the state it is read from ({@link Builder#needs}): bits
 * chosen by the set, one per piece of per-packet work (a running statistic, a tracker) that only
 * some columns read. A meter whose flows are read for a few columns only ({@link
 * FeatureSet#computing}) lets the state skip the parts none of them needs; such a state then
 * refuses to give a column whose part it skipped, rather than give a wrong value.
 *
 * @param <S> the per-flow state the values are read from
 */
public final class ColumnSet<S> {
    private final List<Column> columns;
    private final ToDoubleFunction<S>[] readers;
    /** Per column: written as an integer (a LONG column). */
    private final boolean[] integer;
    private final Map<String, Integer> positions;
    /** Per column: the parts of the state it is read from (0: only what every flow keeps). */
    private final int[] needs;
    private final int allParts;

    private ColumnSet(List<Column> columns, List<ToDoubleFunction<S>> readers, List<Integer> needs) {
        this.columns = List.copyOf(columns);
        @SuppressWarnings("unchecked")
        ToDoubleFunction<S>[] r = readers.toArray(new ToDoubleFunction[0]);
        this.readers = r;
        this.integer = new boolean[columns.size()];
        this.positions = new HashMap<>();
        this.needs = needs.stream().mapToInt(Integer::intValue).toArray();
        int parts = 0;
        for (int n : this.needs) {
            parts |= n;
        }
        this.allParts = parts;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.type() != ColumnType.LONG && c.type() != ColumnType.DOUBLE) {
                throw new IllegalArgumentException("feature column " + c.name() + " is not numeric");
            }
            integer[i] = c.type() == ColumnType.LONG;
            if (positions.putIfAbsent(c.name(), i) != null) {
                throw new IllegalArgumentException("feature column " + c.name() + " is declared twice");
            }
        }
    }

    public static <S> Builder<S> builder() {
        return new Builder<>();
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    /** The column's position, or -1 when this set has no column of that name. */
    public int indexOf(String name) {
        return positions.getOrDefault(name, -1);
    }

    /** Every part of the state some column is read from: what a state for all columns keeps. */
    public int allParts() {
        return allParts;
    }

    /** The parts of the state the columns named (those of this set among them) are read from. */
    public int partsFor(Collection<String> names) {
        int parts = 0;
        for (String name : names) {
            Integer at = positions.get(name);
            if (at != null) {
                parts |= needs[at];
            }
        }
        return parts;
    }

    /** Whether a state that kept only {@code kept} of its parts has the column's value. */
    public boolean computed(int column, int kept) {
        return (needs[column] & ~kept) == 0;
    }

    /**
     * The values of the columns listed, as {@link #values(Object, double[], int, int[])}, from a
     * state that kept only the parts {@code kept}.
     *
     * @throws IllegalStateException when a column listed is read from a part the state skipped
     */
    public void values(S state, int kept, double[] out, int offset, int[] columns) {
        if (kept != allParts) {
            for (int i : columns) {
                requireComputed(i, kept);
            }
        }
        values(state, out, offset, columns);
    }

    /** Every column's value, as {@link #values(Object, double[], int)}; the state must have kept every part. */
    public void values(S state, int kept, double[] out, int offset) {
        requireAll(kept);
        values(state, out, offset);
    }

    /** One row, as {@link #write(Object, RowWriter)}; the state must have kept every part. */
    public void write(S state, int kept, RowWriter out) {
        requireAll(kept);
        write(state, out);
    }

    /**
     * Checks, for a set that reads its columns itself (a switch over positions instead of the
     * readers), that a state that kept only {@code kept} of its parts has every column listed.
     *
     * @throws IllegalStateException naming the first column listed whose part the state skipped
     */
    public void requireComputed(int kept, int[] columns) {
        if (kept != allParts) {
            for (int i : columns) {
                requireComputed(i, kept);
            }
        }
    }

    /**
     * As {@link #requireComputed(int, int[])}, for every column.
     *
     * @throws IllegalStateException naming the first column whose part the state skipped
     */
    public void requireAll(int kept) {
        if (kept != allParts) {
            for (int i = 0; i < needs.length; i++) {
                requireComputed(i, kept);
            }
        }
    }

    private void requireComputed(int column, int kept) {
        if (!computed(column, kept)) {
            throw new IllegalStateException("feature column " + columns.get(column).name()
                    + " was not computed: the meter was set up for a model that does not read it");
        }
    }

    /** The value of one column. */
    public double value(S state, int column) {
        return readers[column].applyAsDouble(state);
    }

    /** Every column's value, in column order, from {@code out[offset]} on. */
    public void values(S state, double[] out, int offset) {
        for (int i = 0; i < readers.length; i++) {
            out[offset + i] = readers[i].applyAsDouble(state);
        }
    }

    /** The values of the columns listed (positions), each at {@code out[offset + position]}. */
    public void values(S state, double[] out, int offset, int[] columns) {
        for (int i : columns) {
            out[offset + i] = readers[i].applyAsDouble(state);
        }
    }

    /** One row of this set: LONG columns as integers, the others as reals. */
    public void write(S state, RowWriter out) {
        for (int i = 0; i < readers.length; i++) {
            double v = readers[i].applyAsDouble(state);
            if (integer[i]) {
                out.integer((long) v);
            } else {
                out.real(v);
            }
        }
    }

    /** Declares columns in output order. */
    public static final class Builder<S> {
        private final List<Column> columns = new ArrayList<>();
        private final List<ToDoubleFunction<S>> readers = new ArrayList<>();
        private final List<Integer> needs = new ArrayList<>();

        /** A column and how its value is read. */
        public Builder<S> add(Column column, ToDoubleFunction<S> value) {
            columns.add(column);
            readers.add(value);
            needs.add(0);
            return this;
        }

        /**
         * The column added last is read from these parts of the state (bits of the set's
         * choosing) besides what every flow keeps.
         */
        public Builder<S> needs(int parts) {
            if (columns.isEmpty()) {
                throw new IllegalStateException("needs() follows the column it applies to");
            }
            needs.set(needs.size() - 1, needs.get(needs.size() - 1) | parts);
            return this;
        }

        /** A LONG column. */
        public Builder<S> integer(String name, ToDoubleFunction<S> value) {
            return add(Column.integer(name), value);
        }

        /** A DOUBLE column. */
        public Builder<S> real(String name, ToDoubleFunction<S> value) {
            return add(Column.real(name), value);
        }

        /** A LONG column whose larger values can only raise suspicion. */
        public Builder<S> integerRaising(String name, ToDoubleFunction<S> value) {
            return add(Column.integer(name).raisesSuspicion(), value);
        }

        /** A DOUBLE column whose larger values can only raise suspicion. */
        public Builder<S> realRaising(String name, ToDoubleFunction<S> value) {
            return add(Column.real(name).raisesSuspicion(), value);
        }

        public ColumnSet<S> build() {
            return new ColumnSet<>(columns, readers, needs);
        }
    }
}
