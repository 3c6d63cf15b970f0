package org.flowmeter.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (falls back to "dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"flowmeter " + (v == null ? "dev" : v)};
    }
}
