package dev.stagefarm.coordinator.plan;

import java.util.List;
import java.util.Locale;

/**
 * What the target stage stores besides what later stages need, from the build's output specs:
 *
 * <ul>
 *   <li>its whole filesystem (FILES of {@code /}) when an output is {@code type=local} or
 *       {@code type=tar}: the client downloads and unpacks it;
 *   <li>its image (IMAGE) unless every output is one of those two: {@code type=docker}
 *       ({@code --load}), {@code type=image} (tag, push) and a build without outputs (the result
 *       stays in the farm, as {@code docker build} leaves an image) all need it.
 * </ul>
 *
 * Output specs are {@code type=NAME[,key=value...]}; a spec without {@code type=} counts as
 * {@code type=local}, as {@code docker buildx -o DIR} does.
 */
public record TargetResult(boolean image, boolean filesystem) {

    public static TargetResult of(List<String> outputs) {
        boolean filesystem = false;
        boolean other = outputs.isEmpty();
        for (String spec : outputs) {
            String type = type(spec);
            if (type.equals("local") || type.equals("tar")) {
                filesystem = true;
            } else {
                other = true;
            }
        }
        return new TargetResult(other, filesystem);
    }

    private static String type(String spec) {
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("type=")) {
                return p.substring("type=".length()).strip().toLowerCase(Locale.ROOT);
            }
        }
        return "local";
    }
}
