package org.flowmeter.cli;

import java.util.concurrent.Callable;
import org.flowmeter.live.InterfaceInfo;
import org.flowmeter.live.Interfaces;
import picocli.CommandLine.Command;

/** {@code flowmeter interfaces}: what {@code flowmeter live -i} can open. */
@Command(name = "interfaces", mixinStandardHelpOptions = true,
        description = "List the network interfaces live capture can open: name, addresses, description.")
final class InterfacesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        for (InterfaceInfo i : Interfaces.list()) {
            StringBuilder line = new StringBuilder(i.name());
            line.append('\t').append(String.join(",", i.addresses()));
            line.append('\t').append(i.description());
            if (i.loopback()) {
                line.append(" [loopback]");
            }
            if (!i.up()) {
                line.append(" [down]");
            }
            System.out.println(line.toString().stripTrailing());
        }
        return 0;
    }
}
