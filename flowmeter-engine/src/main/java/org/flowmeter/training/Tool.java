package org.flowmeter.training;

/** The name and version a trained model records as its maker. */
final class Tool {
    private Tool() {
    }

    /** "flowmeter VERSION" from the jar's manifest, "flowmeter dev" when run from classes. */
    static String name() {
        String v = Tool.class.getPackage().getImplementationVersion();
        return "flowmeter " + (v == null ? "dev" : v);
    }
}
