package org.flowmeter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.flowmeter.decode.Cidr;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.model.LabelText;

/** Adds the training label (1.0 malicious, 0.0 benign) to a flow table. */
final class Labels {
    static final String LABEL = "label";

    private Labels() {
    }

    /**
     * From a column of the table, read as the command line reads it ({@link LabelText}): the
     * benign value and 0, false, benign or normal are benign, any other text malicious; rows with
     * a blank label are dropped.
     */
    static Dataset<Row> fromColumn(Dataset<Row> table, String column, String benignValue) {
        var label = udf(new LabelOf(benignValue), DataTypes.DoubleType);
        return table.withColumn(LABEL, label.apply(col(column).cast(DataTypes.StringType)))
                .filter(col(LABEL).isNotNull());
    }

    /** 1.0 malicious, 0.0 benign, null for a blank cell. */
    private static final class LabelOf implements UDF1<String, Double> {
        private final String benignValue;

        LabelOf(String benignValue) {
            this.benignValue = benignValue;
        }

        @Override
        public Double call(String text) {
            Boolean malicious = LabelText.isMalicious(text, benignValue);
            return malicious == null ? null : malicious ? 1.0 : 0.0;
        }
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
