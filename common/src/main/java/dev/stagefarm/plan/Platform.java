package dev.stagefarm.plan;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.Locale;

/**
 * A build or target platform, {@code os/architecture[/variant]}, normalised as BuildKit's
 * platform parser does for the common aliases ({@code x86_64} → {@code amd64}, {@code aarch64}
 * → {@code arm64}, {@code arm} → {@code arm/v7}).
 *
 * @param os for example {@code linux}
 * @param architecture for example {@code amd64}
 * @param variant for example {@code v7}, or empty
 */
public record Platform(String os, String architecture, String variant) {

    /** The platform assumed when none is given: the farm's agents run {@code linux/amd64}. */
    public static final Platform DEFAULT = new Platform("linux", "amd64", "");
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("[a-z0-9_.-]+");

    public Platform {
        if (os == null || os.isEmpty() || architecture == null || architecture.isEmpty()) {
            throw new IllegalArgumentException("a platform needs an os and an architecture");
        }
        variant = variant == null ? "" : variant;
    }

    /**
     * Parses {@code os/arch[/variant]} (or a bare architecture, meaning Linux).
     *
     * @throws StagefarmException with {@link FailureCode#BAD_PLATFORM} when it is not one
     */
    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || !PART.matcher(part).matches()) {
                throw bad(text);
            }
        }
        return switch (parts.length) {
            case 1 -> normalised("linux", parts[0], "");
            case 2 -> normalised(parts[0], parts[1], "");
            case 3 -> normalised(parts[0], parts[1], parts[2]);
            default -> throw bad(text);
        };
    }

    private static StagefarmException bad(String text) {
        return new StagefarmException(FailureCode.BAD_PLATFORM, "platform", 0,
                "invalid platform \"" + text + "\": expected os/arch[/variant], for example linux/arm64");
    }

    private static Platform normalised(String os, String arch, String variant) {
        String o = os.equals("macos") ? "darwin" : os;
        return switch (arch) {
            case "x86_64", "x86-64", "amd64" -> new Platform(o, "amd64", variant);
            case "i386", "i486", "i586", "i686", "386" -> new Platform(o, "386", "");
            case "aarch64", "arm64" -> new Platform(o, "arm64", variant.equals("8") || variant.equals("v8") ? "" : variant);
            case "armhf", "armel", "arm" -> new Platform(o, "arm", armVariant(arch, variant));
            default -> new Platform(o, arch, variant);
        };
    }

    private static String armVariant(String arch, String variant) {
        if (arch.equals("armhf")) {
            return "v7";
        }
        if (arch.equals("armel")) {
            return "v6";
        }
        return switch (variant) {
            case "", "7", "v7" -> "v7";
            case "5", "6", "8" -> "v" + variant;
            default -> variant;
        };
    }

    /** {@code os/arch} or {@code os/arch/variant}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
