package dev.stagefarm.dockerfile.instructions;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Go's {@code time.ParseDuration} (as used for HEALTHCHECK intervals), with Go's messages. */
final class GoDuration {
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's message for an invalid duration */
    static Duration parse(String text) {
        String quoted = "\"" + text + "\"";
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration " + quoted);
        }
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128)) {
                pos++;
            }
            String whole = s.substring(start, pos);
            String fraction = "";
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int fracStart = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                fraction = s.substring(fracStart, pos);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                throw new IllegalArgumentException("time: invalid duration " + quoted);
            }
            int unitStart = pos;
            while (pos < s.length() && s.charAt(pos) != '.' && !(s.charAt(pos) >= '0' && s.charAt(pos) <= '9')) {
                pos++;
            }
            String unit = s.substring(unitStart, pos);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quoted);
            }
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration " + quoted);
            }
            BigDecimal number = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
            total = total.add(number.multiply(BigDecimal.valueOf(nanos)));
            if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("time: invalid duration " + quoted);
            }
        }
        long result = total.longValue();
        return Duration.ofNanos(negative ? -result : result);
    }
}
