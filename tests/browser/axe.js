// axe-core (injected into every page: vendor/axe-core/axe.min.js) run for the given WCAG tags (conftest.py).
async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']});
  const brief = rule => ({id: rule.id, tags: rule.tags.filter(t => /^wcag\d/.test(t))});
  return {
    violations: r.violations.map(v => ({...brief(v), impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})),
    incomplete: r.incomplete.map(v => ({...brief(v), nodes: v.nodes.length})),
    passes: r.passes.map(brief),
    inapplicable: r.inapplicable.map(brief),
  };
}
