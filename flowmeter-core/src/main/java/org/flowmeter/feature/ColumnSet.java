package org.flowmeter.feature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A feature set's columns, each declared once with its name, type, direction and how its value
 * is read from the set's per-flow state {@code S}. Rows and value arrays are written from this
 * declaration, so a column's name and its value cannot drift apart.
 *
 * @param <S> the per-flow state the values are read from
 */
public final class ColumnSet<S> {
    private final List<Column> columns;
    private final ToDoubleFunction<S>[] readers;
    /** Per column: written as an integer (a LONG column). */
    private final boolean[] integer;
    private final Map<String, Integer> positions;

    private ColumnSet(List<Column> columns, List<ToDoubleFunction<S>> readers) {
        this.columns = List.copyOf(columns);
        @SuppressWarnings("unchecked")
        ToDoubleFunction<S>[] r = readers.toArray(new ToDoubleFunction[0]);
        this.readers = r;
        this.integer = new boolean[columns.size()];
        this.positions = new HashMap<>();
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

        /** A column and how its value is read. */
        public Builder<S> add(Column column, ToDoubleFunction<S> value) {
            columns.add(column);
            readers.add(value);
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
            return new ColumnSet<>(columns, readers);
        }
    }
}
