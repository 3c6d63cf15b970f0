package org.flowmeter.feature;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature set's columns, each declared once with its name, type and direction, in output order,
 * and the set's one {@link Reader}: a switch over column positions, cases in the declared order,
 * where each column's expression is written once. Rows are written through the reader; a set's
 * scoring path calls its switch directly (one direct call per column where a reader per column
 * would be one megamorphic call each).
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
    private final Reader<S> reader;
    /** Per column: written as an integer (a LONG column). */
    private final boolean[] integer;
    private final Map<String, Integer> positions;
    /** Per column: the parts of the state it is read from (0: only what every flow keeps). */
    private final int[] needs;
    private final int allParts;

    private ColumnSet(List<Column> columns, Reader<S> reader, List<Integer> needs) {
        this.columns = List.copyOf(columns);
        this.reader = reader;
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

    /** A set's columns' values: {@code state}'s value of the column at {@code column}. */
    @FunctionalInterface
    public interface Reader<S> {
        /** @throws IndexOutOfBoundsException for a position past the last column */
        double value(S state, int column);
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

    /** One row, as {@link #write(Object, RowWriter)}; the state must have kept every part. */
    public void write(S state, int kept, RowWriter out) {
        requireAll(kept);
        write(state, out);
    }

    /**
     * Checks, for a set that reads its columns itself (its switch, called directly), that a state that kept only {@code kept} of its parts has every column listed.
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
        return reader.value(state, column);
    }

    /** One row of this set: LONG columns as integers, the others as reals. */
    public void write(S state, RowWriter out) {
        for (int i = 0; i < integer.length; i++) {
            double v = reader.value(state, i);
            if (integer[i]) {
                out.integer((long) v);
            } else {
                out.real(v);
            }
        }
    }

    /** Declares columns in output order: the order of the cases of the set's reader. */
    public static final class Builder<S> {
        private final List<Column> columns = new ArrayList<>();
        private final List<Integer> needs = new ArrayList<>();

        /** The next column. */
        public Builder<S> add(Column column) {
            columns.add(column);
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
        public Builder<S> integer(String name) {
            return add(Column.integer(name));
        }

        /** A DOUBLE column. */
        public Builder<S> real(String name) {
            return add(Column.real(name));
        }

        /** A LONG column whose larger values can only raise suspicion. */
        public Builder<S> integerRaising(String name) {
            return add(Column.integer(name).raisesSuspicion());
        }

        /** A DOUBLE column whose larger values can only raise suspicion. */
        public Builder<S> realRaising(String name) {
            return add(Column.real(name).raisesSuspicion());
        }

        /**
         * The columns declared, read by {@code reader}: a switch whose case {@code i} is the
         * expression of the {@code i}-th column declared.
         */
        public ColumnSet<S> build(Reader<S> reader) {
            return new ColumnSet<>(columns, reader, needs);
        }
    }
}
