package dev.stagefarm.plan.cache;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.plan.ArgValue;
import dev.stagefarm.plan.ContextSource;
import dev.stagefarm.plan.MountSource;
import dev.stagefarm.plan.PlannedStage;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.plan.StageCopy;
import dev.stagefarm.plan.StageStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a stage's cache key is made of, one canonical line per input, in this order:
 * <ol>
 *   <li>{@code version} — the key format (bumped when this list changes);
 *   <li>{@code platform} — the platform the stage runs for;
 *   <li>{@code base-image REF} or {@code base-stage KEY} — the FROM image as written after
 *       global-ARG expansion, or the parent stage's key;
 *   <li>{@code arg NAME VALUE} / {@code arg-unset NAME} — the ARGs the stage declares, with the
 *       values they get (build args not declared by the stage are not in);
 *   <li>{@code step KEYWORD WORDS…} — every instruction in canonical expanded form;
 *   <li>{@code context PATH SHA256} — every context file its COPY/ADD sources select, sorted;
 *   <li>{@code from-stage KEY} — the key of each stage it copies or mounts from, in order of
 *       first use.
 * </ol>
 * Strings are written length-prefixed so that no two different inputs share a line. The stage's
 * index and the other stages' contents do not appear: renumbering or editing an unrelated stage
 * keeps the key. Immutable.
 *
 * @param lines the canonical lines
 */
public record StageKeyInputs(List<String> lines) {
    public static final String VERSION = "stagefarm-stage-key/1";

    public StageKeyInputs {
        lines = List.copyOf(lines);
    }

    /**
     * The inputs of {@code stage}'s key.
     *
     * @param stageKeys the keys of the stages it builds on (its base stage and every stage it
     *     copies or mounts from), by index
     * @throws StagefarmException {@link FailureCode#CONTEXT_FILE_MISSING} when a COPY/ADD source
     *     selects no file of the context
     */
    public static StageKeyInputs of(String file, PlannedStage stage, Map<Integer, String> stageKeys,
            ContextDigests context) {
        List<String> lines = new ArrayList<>();
        lines.add(line("version", VERSION));
        lines.add(line("platform", stage.effectivePlatform().toString()));
        if (stage.base() instanceof StageBase.Stage parent) {
            lines.add(line("base-stage", required(stageKeys, parent.index())));
        } else {
            lines.add(line("base-image", ((StageBase.Image) stage.base()).reference()));
        }
        for (ArgValue arg : stage.args()) {
            lines.add(arg.value() == null ? line("arg-unset", arg.name()) : line("arg", arg.name(), arg.value()));
        }
        for (StageStep step : stage.steps()) {
            List<String> fields = new ArrayList<>();
            fields.add(step.keyword());
            fields.addAll(step.words());
            lines.add(line("step", fields.toArray(String[]::new)));
        }
        contextFiles(file, stage, context).forEach((path, digest) -> lines.add(line("context", path, digest)));
        Set<Integer> sources = new LinkedHashSet<>();
        stage.copiesFrom().stream().map(StageCopy::stage).forEach(sources::add);
        stage.mountsFrom().stream().filter(m -> m instanceof MountSource.Stage)
                .map(m -> ((MountSource.Stage) m).index()).forEach(sources::add);
        for (int source : sources) {
            lines.add(line("from-stage", required(stageKeys, source)));
        }
        return new StageKeyInputs(lines);
    }

    /** The key: sha256 of the lines, in lowercase hex. */
    public String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static TreeMap<String, String> contextFiles(String file, PlannedStage stage, ContextDigests context) {
        TreeMap<String, String> selected = new TreeMap<>();
        for (ContextSource source : stage.contextSources()) {
            ContextPattern pattern = ContextPattern.of(source.expanded());
            boolean any = false;
            for (Map.Entry<String, String> entry : candidates(context, source.expanded()).entrySet()) {
                if (pattern.selects(entry.getKey())) {
                    selected.put(entry.getKey(), entry.getValue());
                    any = true;
                }
            }
            if (!any) {
                throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, file + ":" + source.line(),
                        source.line(), "COPY/ADD source \"" + source.raw() + "\" selects no file of the build context"
                                + " (after .dockerignore)");
            }
        }
        return selected;
    }

    /** The manifest entries that can match: those under the pattern's literal leading segments. */
    private static Map<String, String> candidates(ContextDigests context, String source) {
        String relative = ContextPattern.relative(source);
        StringBuilder literal = new StringBuilder();
        for (String segment : relative.isEmpty() ? new String[0] : relative.split("/")) {
            if (segment.matches(".*[*?\\[\\\\].*")) {
                break;
            }
            literal.append(segment).append('/');
        }
        if (literal.length() == 0) {
            return context.digests();
        }
        String prefix = literal.substring(0, literal.length() - 1);
        // the file itself, or everything under "prefix/"
        Map<String, String> out = new TreeMap<>(context.digests().subMap(prefix + "/", true, prefix + "0", false));
        String exact = context.digests().get(prefix);
        if (exact != null) {
            out.put(prefix, exact);
        }
        return out;
    }

    private static String required(Map<Integer, String> keys, int index) {
        String key = keys.get(index);
        if (key == null) {
            throw new IllegalArgumentException("the key of stage " + index + " is needed first");
        }
        return key;
    }

    private static String line(String tag, String... fields) {
        StringBuilder out = new StringBuilder(tag);
        for (String field : fields) {
            out.append(' ').append(field.length()).append(':').append(field);
        }
        return out.toString();
    }
}
