package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.KeyValue;
import dev.stagefarm.agent.stage.MountRequest;
import dev.stagefarm.agent.stage.StageStep;
import java.util.List;

/** Short constructors of resolved steps for tests; line numbers count from 2 (line 1 is FROM). */
final class Steps {
    private static int line = 2;

    private Steps() {
    }

    static StageStep.Run run(String shell, MountRequest... mounts) {
        return new StageStep.Run(line++, "RUN " + shell, List.of(shell), true, List.of(mounts), StageStep.Network.DEFAULT, List.of());
    }

    static StageStep.Run run(StageStep.Network network, String shell) {
        return new StageStep.Run(line++, "RUN " + shell, List.of(shell), true, List.of(), network, List.of());
    }

    static StageStep.Run runHeredoc(String command, HeredocFile... files) {
        return new StageStep.Run(line++, "RUN " + command, List.of(command), true, List.of(), StageStep.Network.DEFAULT, List.of(files));
    }

    static StageStep.Run exec(String... argv) {
        return new StageStep.Run(line++, "RUN " + List.of(argv), List.of(argv), false, List.of(), StageStep.Network.DEFAULT, List.of());
    }

    static StageStep.Copy copy(String dest, String... sources) {
        return new StageStep.Copy(line++, "COPY", false, List.of(sources), dest, null, "", "", false, false, List.of(), List.of(), "", null);
    }

    static StageStep.Copy copyWith(String chown, String chmod, String dest, String... sources) {
        return new StageStep.Copy(line++, "COPY", false, List.of(sources), dest, null, chown, chmod, false, false, List.of(), List.of(), "", null);
    }

    static StageStep.Copy copyLink(String dest, String... sources) {
        return new StageStep.Copy(line++, "COPY --link", false, List.of(sources), dest, null, "", "", true, false, List.of(), List.of(), "", null);
    }

    static StageStep.Copy copyFrom(String stage, String dest, String... sources) {
        return new StageStep.Copy(line++, "COPY --from=" + stage, false, List.of(sources), dest, stage, "", "", false, false, List.of(), List.of(), "", null);
    }

    static StageStep.Copy copyParents(String dest, List<String> excludes, String... sources) {
        return new StageStep.Copy(line++, "COPY --parents", false, List.of(sources), dest, null, "", "", false, true, excludes, List.of(), "", null);
    }

    static StageStep.Copy copyExcluding(String dest, List<String> excludes, String... sources) {
        return new StageStep.Copy(line++, "COPY --exclude", false, List.of(sources), dest, null, "", "", false, false, excludes, List.of(), "", null);
    }

    static StageStep.Copy copyHeredoc(String dest, HeredocFile file) {
        return new StageStep.Copy(line++, "COPY <<" + file.name(), false, List.of("<<" + file.name()), dest, null, "", "", false, false, List.of(), List.of(file), "", null);
    }

    static StageStep.Copy add(String dest, Boolean unpack, String chown, String... sources) {
        return new StageStep.Copy(line++, "ADD", true, List.of(sources), dest, null, chown, "", false, false, List.of(), List.of(), "", unpack);
    }

    static StageStep.Copy addUrl(String url, String checksum, String dest) {
        return new StageStep.Copy(line++, "ADD " + url, true, List.of(url), dest, null, "", "", false, false, List.of(), List.of(), checksum, null);
    }

    static StageStep.Env env(String key, String value) {
        return new StageStep.Env(line++, "ENV " + key + "=" + value, List.of(new KeyValue(key, value)));
    }

    static StageStep.Arg arg(String name, String value) {
        return new StageStep.Arg(line++, "ARG " + name, name, value);
    }

    static StageStep.Label label(String key, String value) {
        return new StageStep.Label(line++, "LABEL", List.of(new KeyValue(key, value)));
    }

    static StageStep.Cmd cmd(String... argv) {
        return new StageStep.Cmd(line++, "CMD", List.of(argv), false);
    }

    static StageStep.Entrypoint entrypoint(String... argv) {
        return new StageStep.Entrypoint(line++, "ENTRYPOINT", List.of(argv), false);
    }

    static StageStep.Workdir workdir(String path) {
        return new StageStep.Workdir(line++, "WORKDIR " + path, path);
    }

    static StageStep.User user(String user) {
        return new StageStep.User(line++, "USER " + user, user);
    }

    static StageStep.Expose expose(String... ports) {
        return new StageStep.Expose(line++, "EXPOSE", List.of(ports));
    }

    static StageStep.Volume volume(String... paths) {
        return new StageStep.Volume(line++, "VOLUME", List.of(paths));
    }

    static StageStep.Shell shell(String... shell) {
        return new StageStep.Shell(line++, "SHELL", List.of(shell));
    }

    static StageStep.StopSignal stopSignal(String signal) {
        return new StageStep.StopSignal(line++, "STOPSIGNAL " + signal, signal);
    }
}
