// TypeDoc plugin: the reference shows what a caller needs, or the build fails (typedoc.json turns
// these warnings into errors):
// - every option is documented. TypeDoc's own `notDocumented` check is per kind, and requiring
//   every Property would demand a comment on each field of each API object (`Customer.email`);
//   this one requires it on each property of an options type (a type named `…Options` or
//   `…Init`), the settings a caller chooses;
// - every input is spelled out: a method's input type (a type named `…Input` or `…Params`) is an
//   interface (or a union of them) whose every field has a doc, never an alias of
//   `Omit<…>`/`Pick<…>`/`Partial<…>` or of a schema's inferred type, which TypeDoc shows as the
//   unexpanded expression (so `amount`/`reason` of a refund were invisible);
// - each type once: one name, one reflection per module (a schema factory exported under its
//   input type's name showed every input twice).
import { Converter, ReflectionKind } from 'typedoc';

/** An alias whose type TypeDoc cannot expand into fields for the reader. */
const OPAQUE_ALIAS = /^(Omit|Pick|Partial|Required|Readonly|Input|InferInput|InferOutput)$/;
/** The schema helpers: what they export is internal, built from valibot, and not a caller's input. */
const SCHEMA_HELPERS = /\/src\/resources\/schemas\.ts$/;

/** @param {import('typedoc').Application} app */
export function load(app) {
  /** Reflection -> the file its symbol is declared in (sources are off in typedoc.json). */
  const fileOf = new WeakMap();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    if (file) fileOf.set(reflection, file.replaceAll('\\', '/'));
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const { project } = context;
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Property)) {
      const owner = reflection.parent;
      if (!owner || !/(Options|Init)$/.test(owner.name)) continue;
      const documented = reflection.hasComment() || reflection.type?.declaration?.signatures?.some((s) => s.hasComment());
      if (!documented)
        app.logger.warn(`${owner.name}.${reflection.name}: an option without a doc comment (say what it does and its default)`);
    }
    for (const input of project.getReflectionsByKind(ReflectionKind.Interface | ReflectionKind.TypeAlias)) {
      if (!/(Input|Params)$/.test(input.name) || SCHEMA_HELPERS.test(fileOf.get(input) ?? '')) continue;
      const type = input.type;
      const members = type?.type === 'union' ? type.types : type ? [type] : [];
      for (const member of members)
        if (member.type === 'reference' && OPAQUE_ALIAS.test(member.name))
          app.logger.warn(
            `${input.name}: an input type shown as ${member.name}<…>; declare its fields (an interface, or one that extends another)`,
          );
        else if (member.type === 'reflection' || member.type === 'intersection')
          app.logger.warn(`${input.name}: an input type shown as an anonymous object; declare it as an interface`);
      for (const field of input.children ?? [])
        if (field.kindOf(ReflectionKind.Property) && !field.hasComment())
          app.logger.warn(
            `${input.name}.${field.name}: an input field without a doc comment (its unit, format, limits, what the server does)`,
          );
    }
    for (const module of project.getReflectionsByKind(ReflectionKind.Module | ReflectionKind.Project)) {
      const seen = new Map();
      for (const child of module.children ?? []) {
        if (child.kindOf(ReflectionKind.Reference) || SCHEMA_HELPERS.test(fileOf.get(child) ?? '')) continue;
        if (seen.has(child.name))
          app.logger.warn(
            `${module.name}: ${child.name} is documented twice (as a ${seen.get(child.name)} and a ${ReflectionKind.singularString(child.kind)})`,
          );
        else seen.set(child.name, ReflectionKind.singularString(child.kind));
      }
    }
  });
}
