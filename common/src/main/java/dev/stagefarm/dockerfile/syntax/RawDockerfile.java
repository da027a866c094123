package dev.stagefarm.dockerfile.syntax;

import java.util.List;
import java.util.Map;

/**
 * A parsed Dockerfile: the raw syntax tree of BuildKit's parser.
 *
 * @param file the name the file was given as (for messages)
 * @param escape the escape character in effect ({@code \} or a backtick)
 * @param directives parser directives by lower-case key ({@code syntax}, {@code escape},
 *     {@code check}); a key absent from the file is absent from the map
 * @param warnings parser warnings (empty continuation lines)
 * @param instructions the instructions in file order
 */
public record RawDockerfile(
        String file,
        char escape,
        Map<String, String> directives,
        List<String> warnings,
        List<RawInstruction> instructions) {

    public RawDockerfile {
        directives = Map.copyOf(directives);
        warnings = List.copyOf(warnings);
        instructions = List.copyOf(instructions);
    }
}
