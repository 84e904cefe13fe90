// TypeDoc plugin: every option must be documented. TypeDoc's own `notDocumented` check is per
// kind, and requiring every Property would demand a comment on each field of each API object
// (`Customer.email`); this check requires one on each property of an options type (a type
// named `…Options` or `…Init`) — the settings a caller chooses — and reports the rest as
// warnings, which typedoc.json turns into errors.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  // Input types are inferred from valibot schemas (`v.InferInput<typeof Schema>`), and TypeScript
  // hands TypeDoc the same property declaration twice for a schema used inside another one:
  // "X has multiple declarations with a comment" then lists one file:line twice. It is not a
  // documentation problem, and as a warning it would fail the build, so it is dropped here.
  const warn = app.logger.warn.bind(app.logger);
  app.logger.warn = (message, ...rest) => {
    if (/ has multiple declarations with a comment\. An arbitrary comment will be used$/.test(String(message))) return;
    return warn(message, ...rest);
  };
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      const owner = reflection.parent;
      if (!owner || !/(Options|Init)$/.test(owner.name)) continue;
      const documented = reflection.hasComment() || reflection.type?.declaration?.signatures?.some((s) => s.hasComment());
      if (!documented)
        app.logger.warn(`${owner.name}.${reflection.name}: an option without a doc comment (say what it does and its default)`);
    }
  });
}
