// Jest runs CommonJS; Nest 12 ships ESM that uses import.meta.url (for createRequire).
// Rewrite it to the CommonJS equivalent. The stock babel-plugin-transform-import-meta
// breaks on Nest's `const require = createRequire(import.meta.url)`.
module.exports = function importMetaToCommonJs({ types: t }) {
  return {
    name: 'haven-import-meta-to-cjs',
    visitor: {
      // `const require = createRequire(import.meta.url)`: CommonJS already has `require`,
      // and keeping the declaration shadows the one the module transform emits.
      VariableDeclarator(path) {
        const { id, init } = path.node;
        if (t.isIdentifier(id, { name: 'require' }) && t.isCallExpression(init) && t.isIdentifier(init.callee, { name: 'createRequire' })) {
          if (path.parentPath.node.declarations.length === 1) path.parentPath.remove();
          else path.remove();
        }
      },
      MetaProperty(path) {
        const { meta, property } = path.node;
        if (meta.name !== 'import' || property.name !== 'meta') return;
        const parent = path.parentPath;
        if (parent.isMemberExpression() && !parent.node.computed && parent.node.property.name === 'url') {
          parent.replaceWithSourceString("require('node:url').pathToFileURL(__filename).href");
        } else if (parent.isMemberExpression() && !parent.node.computed && parent.node.property.name === 'resolve') {
          // Terminus checks optional peers with import.meta.resolve.
          parent.replaceWithSourceString("((s) => require('node:url').pathToFileURL(require.resolve(s)).href)");
        } else if (parent.isMemberExpression() && !parent.node.computed && parent.node.property.name === 'dirname') {
          parent.replaceWith(t.identifier('__dirname'));
        } else if (parent.isMemberExpression() && !parent.node.computed && parent.node.property.name === 'filename') {
          parent.replaceWith(t.identifier('__filename'));
        } else {
          path.replaceWithSourceString("({ url: require('node:url').pathToFileURL(__filename).href })");
        }
      },
    },
  };
};
