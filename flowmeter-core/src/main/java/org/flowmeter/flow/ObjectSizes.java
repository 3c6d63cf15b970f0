package org.flowmeter.flow;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Heap bytes of an object graph by the arithmetic of HotSpot's layout with compressed references
 * (any heap under 32 GB): a 12-byte header, 4-byte references, fields packed, every object
 * rounded up to 8 bytes; arrays have a 16-byte header. Follows fields that are neither static
 * nor transient, so state shared between flows (held in transient fields) is not counted per
 * flow. Objects of the JDK's own classes are counted by their fields but not followed (their
 * internals are closed to reflection); per-flow state is made of this project's classes and arrays.
 */
public final class ObjectSizes {
    static final int HEADER = 12;
    static final int ARRAY_HEADER = 16;
    static final int REFERENCE = 4;

    private ObjectSizes() {
    }

    public static long deepSize(Object root) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.add(root);
        long total = 0;
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            if (seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            Class<?> c = o.getClass();
            if (c.isArray()) {
                int n = Array.getLength(o);
                Class<?> element = c.getComponentType();
                total += align(ARRAY_HEADER + (long) n * width(element));
                if (!element.isPrimitive()) {
                    // a cast, not Array.get per element: the detectors' tables hold arrays of 8,192 references
                    for (Object e : (Object[]) o) {
                        if (e != null) {
                            todo.add(e);
                        }
                    }
                }
                continue;
            }
            long fields = 0;
            boolean open = !c.getName().startsWith("java.");
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    fields += width(f.getType());
                    if (open && !f.getType().isPrimitive() && !Modifier.isTransient(f.getModifiers())) {
                        Object v = read(f, o);
                        if (v != null) {
                            todo.add(v);
                        }
                    }
                }
            }
            total += align(HEADER + fields);
        }
        return total;
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    private static int width(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return REFERENCE;
    }
}
