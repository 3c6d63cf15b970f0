package org.flowmeter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.flowmeter.decode.Cidr;
import org.flowmeter.decode.IpAddresses;

/** Adds the training label (1.0 malicious, 0.0 benign) to a flow table. */
final class Labels {
    static final String LABEL = "label";

    private Labels() {
    }

    /**
     * From a column of the table: 1, true, malicious or attack is malicious; 0, false, benign or
     * normal is benign; rows with any other value are dropped.
     */
    static Dataset<Row> fromColumn(Dataset<Row> table, String column) {
        Column v = lower(trim(col(column).cast(DataTypes.StringType)));
        Column label = when(v.isin("1", "1.0", "true", "malicious", "attack"), lit(1.0))
                .when(v.isin("0", "0.0", "false", "benign", "normal"), lit(0.0));
        return table.withColumn(LABEL, label).filter(col(LABEL).isNotNull());
    }

    /** Malicious when either address of the flow lies in one of the networks. */
    static Dataset<Row> fromHosts(Dataset<Row> table, List<String> maliciousNets) {
        maliciousNets.forEach(Cidr::parse); // fail early on a typo
        var touches = udf(new TouchesNets(maliciousNets), DataTypes.DoubleType);
        return table.withColumn(LABEL, touches.apply(col("srcIP"), col("dstIP")));
    }

    /** 1.0 when the source or destination address is in one of the networks. */
    private static final class TouchesNets implements UDF2<String, String, Double> {
        private final List<String> nets;
        private transient Cidr[] parsed;

        TouchesNets(List<String> nets) {
            this.nets = List.copyOf(nets);
        }

        @Override
        public Double call(String src, String dst) {
            if (parsed == null) {
                parsed = nets.stream().map(Cidr::parse).toArray(Cidr[]::new);
            }
            return in(src) || in(dst) ? 1.0 : 0.0;
        }

        private boolean in(String address) {
            if (address == null || address.isEmpty()) {
                return false;
            }
            long[] a = IpAddresses.parse(address);
            int version = IpAddresses.isIpv6(address) ? 6 : 4;
            for (Cidr net : parsed) {
                if (net.contains(version, a[0], a[1])) {
                    return true;
                }
            }
            return false;
        }
    }
}
