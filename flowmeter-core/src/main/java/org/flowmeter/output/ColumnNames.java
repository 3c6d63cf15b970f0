package org.flowmeter.output;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table of column titles that differ between naming schemes: CICFlowMeter's columns, whose
 * own names have spaces and slashes, in flowmeter's camelCase with a {@code cic} prefix (which
 * also keeps them apart from Deepfence's columns of the same meaning, as {@code Flow Duration}
 * in microseconds is from {@code flowDuration} in nanoseconds). Every other column has the same
 * title in every scheme. docs/formats.md holds this table; a test compares the two.
 */
public final class ColumnNames {
    private static final String[][] CIC_TO_FLOWMETER = {
        {"Flow ID", "cicFlowID"},
        {"Src IP", "cicSrcIP"},
        {"Src Port", "cicSrcPort"},
        {"Dst IP", "cicDstIP"},
        {"Dst Port", "cicDstPort"},
        {"Protocol", "cicProtocol"},
        {"Timestamp", "cicTimestamp"},
        {"Flow Duration", "cicFlowDuration"},
        {"Total Fwd Packet", "cicTotalFwdPacket"},
        {"Total Bwd packets", "cicTotalBwdPackets"},
        {"Total Length of Fwd Packet", "cicTotalLengthOfFwdPacket"},
        {"Total Length of Bwd Packet", "cicTotalLengthOfBwdPacket"},
        {"Fwd Packet Length Max", "cicFwdPacketLengthMax"},
        {"Fwd Packet Length Min", "cicFwdPacketLengthMin"},
        {"Fwd Packet Length Mean", "cicFwdPacketLengthMean"},
        {"Fwd Packet Length Std", "cicFwdPacketLengthStd"},
        {"Bwd Packet Length Max", "cicBwdPacketLengthMax"},
        {"Bwd Packet Length Min", "cicBwdPacketLengthMin"},
        {"Bwd Packet Length Mean", "cicBwdPacketLengthMean"},
        {"Bwd Packet Length Std", "cicBwdPacketLengthStd"},
        {"Flow Bytes/s", "cicFlowBytesPerSecond"},
        {"Flow Packets/s", "cicFlowPacketsPerSecond"},
        {"Flow IAT Mean", "cicFlowIATMean"},
        {"Flow IAT Std", "cicFlowIATStd"},
        {"Flow IAT Max", "cicFlowIATMax"},
        {"Flow IAT Min", "cicFlowIATMin"},
        {"Fwd IAT Total", "cicFwdIATTotal"},
        {"Fwd IAT Mean", "cicFwdIATMean"},
        {"Fwd IAT Std", "cicFwdIATStd"},
        {"Fwd IAT Max", "cicFwdIATMax"},
        {"Fwd IAT Min", "cicFwdIATMin"},
        {"Bwd IAT Total", "cicBwdIATTotal"},
        {"Bwd IAT Mean", "cicBwdIATMean"},
        {"Bwd IAT Std", "cicBwdIATStd"},
        {"Bwd IAT Max", "cicBwdIATMax"},
        {"Bwd IAT Min", "cicBwdIATMin"},
        {"Fwd PSH Flags", "cicFwdPSHFlags"},
        {"Bwd PSH Flags", "cicBwdPSHFlags"},
        {"Fwd URG Flags", "cicFwdURGFlags"},
        {"Bwd URG Flags", "cicBwdURGFlags"},
        {"Fwd RST Flags", "cicFwdRSTFlags"},
        {"Bwd RST Flags", "cicBwdRSTFlags"},
        {"Fwd Header Length", "cicFwdHeaderLength"},
        {"Bwd Header Length", "cicBwdHeaderLength"},
        {"Fwd Packets/s", "cicFwdPacketsPerSecond"},
        {"Bwd Packets/s", "cicBwdPacketsPerSecond"},
        {"Packet Length Min", "cicPacketLengthMin"},
        {"Packet Length Max", "cicPacketLengthMax"},
        {"Packet Length Mean", "cicPacketLengthMean"},
        {"Packet Length Std", "cicPacketLengthStd"},
        {"Packet Length Variance", "cicPacketLengthVariance"},
        {"FIN Flag Count", "cicFINFlagCount"},
        {"SYN Flag Count", "cicSYNFlagCount"},
        {"RST Flag Count", "cicRSTFlagCount"},
        {"PSH Flag Count", "cicPSHFlagCount"},
        {"ACK Flag Count", "cicACKFlagCount"},
        {"URG Flag Count", "cicURGFlagCount"},
        {"CWR Flag Count", "cicCWRFlagCount"},
        {"ECE Flag Count", "cicECEFlagCount"},
        {"Down/Up Ratio", "cicDownUpRatio"},
        {"Average Packet Size", "cicAveragePacketSize"},
        {"Fwd Segment Size Avg", "cicFwdSegmentSizeAvg"},
        {"Bwd Segment Size Avg", "cicBwdSegmentSizeAvg"},
        {"Fwd Bytes/Bulk Avg", "cicFwdBytesPerBulkAvg"},
        {"Fwd Packet/Bulk Avg", "cicFwdPacketPerBulkAvg"},
        {"Fwd Bulk Rate Avg", "cicFwdBulkRateAvg"},
        {"Bwd Bytes/Bulk Avg", "cicBwdBytesPerBulkAvg"},
        {"Bwd Packet/Bulk Avg", "cicBwdPacketPerBulkAvg"},
        {"Bwd Bulk Rate Avg", "cicBwdBulkRateAvg"},
        {"Subflow Fwd Packets", "cicSubflowFwdPackets"},
        {"Subflow Fwd Bytes", "cicSubflowFwdBytes"},
        {"Subflow Bwd Packets", "cicSubflowBwdPackets"},
        {"Subflow Bwd Bytes", "cicSubflowBwdBytes"},
        {"FWD Init Win Bytes", "cicFwdInitWinBytes"},
        {"Bwd Init Win Bytes", "cicBwdInitWinBytes"},
        {"Fwd Act Data Pkts", "cicFwdActDataPkts"},
        {"Fwd Seg Size Min", "cicFwdSegSizeMin"},
        {"Active Mean", "cicActiveMean"},
        {"Active Std", "cicActiveStd"},
        {"Active Max", "cicActiveMax"},
        {"Active Min", "cicActiveMin"},
        {"Idle Mean", "cicIdleMean"},
        {"Idle Std", "cicIdleStd"},
        {"Idle Max", "cicIdleMax"},
        {"Idle Min", "cicIdleMin"},
        {"ICMP Code", "cicICMPCode"},
        {"ICMP Type", "cicICMPType"},
        {"Total TCP Flow Time", "cicTotalTCPFlowTime"},
    };
    private static final Map<String, String> FLOWMETER_NAMES;
    private static final Map<String, String> INTERNAL_NAMES;

    static {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> back = new HashMap<>();
        for (String[] pair : CIC_TO_FLOWMETER) {
            forward.put(pair[0], pair[1]);
            back.put(pair[1], pair[0]);
        }
        FLOWMETER_NAMES = Collections.unmodifiableMap(forward);
        INTERNAL_NAMES = Collections.unmodifiableMap(back);
    }

    private ColumnNames() {
    }

    /** The flowmeter scheme's title of a column. */
    static String flowmeterName(String internal) {
        return FLOWMETER_NAMES.getOrDefault(internal, internal);
    }

    /**
     * The column name behind a title of any scheme ({@code cicFlowDuration} and
     * {@code Flow Duration} both give {@code Flow Duration}), for readers of written tables.
     */
    public static String internalName(String title) {
        return INTERNAL_NAMES.getOrDefault(title, title);
    }

    /** Internal name to flowmeter title, for every column whose titles differ, in column order. */
    public static Map<String, String> renamed() {
        return FLOWMETER_NAMES;
    }
}
