/* <relu-explorer>: the lesson's network (one input, 1 to 8 hidden nodes, one output), live in
   the page. Drag the dosage, change a weight or a bias, add or remove a hidden node, and every
   curve, dot and number follows.

   One plain script, no libraries, nothing fetched but the network named by `src`:

     <script src="relu-explorer.js"></script>
     <relu-explorer src="mine.json"></relu-explorer>        (over HTTP)
     <relu-explorer><script type="application/json">{...}</script></relu-explorer>
                                                             (works from file:// too)

   The network is the JSON form of a relu-anim network file (the TOML's tables as JSON): the
   nodes as a list, `hidden: [{weight, bias, output_weight}, ...]` top first (schema 2), or
   the first form's two tables `top` and `bottom`; `el.network` gives the list form.
   The forward pass and the gradient are written once, here (`model` below); they follow
   relu_anim/model/network.py and training.py, and the tests hold them to 1e-9 of it.

   Attributes: src, theme ("light", "dark", or "auto": the reader's preference),
   fragment ("off": do not keep the state in the URL's #fragment), compact (a panel of one
   screen: beside a presenter-mode stage, the charts two by two and every control in view, the
   figures' captions and the values table for screen readers only, the files left out).
   Narrow (under 36rem wide, a phone; not compact): the charts a panel at the top of the screen,
   one at a time (tabs, or the chart of the control in use), the controls scrolling beneath it.
   API: el.network (get/set), el.dosage (get/set), el.trace(dosages), el.gradient(atZero),
   el.step(), el.run(), el.stop(), el.reset(), el.loadCsv(text, fileName), el.show(moment),
   el.toml(), el.addNode(), el.removeNode(index); a "change" event after every change. See
   README.md, "Explore the network". */
(function () {
  "use strict";
  if (!window.customElements || window.customElements.get("relu-explorer")) { return; }

  // == the types (JSDoc, for the type check: tsc --checkJs) ===============================

  /** A hidden node's numbers. @typedef {{weight: number, bias: number, output_weight: number}} HiddenNode */
  /** What a quantity is called and its unit. @typedef {{name: string, unit: string}} Names */
  /** Data points, in dosage order. @typedef {{dosage: number[], observed: number[]}} Data */
  /** A network's JSON form, checked (checkNetwork): the TOML's tables, the nodes top first.
      @typedef {{schema: number, name: string, hidden_activation: string, output_activation: string, final_bias: number,
                 hidden: HiddenNode[], input: Names & {labels: string[]}, output: Names, data: Data}} Network */
  /** A hidden node's values at one dosage. @typedef {{x: number, y: number, scaled: number}} NodeValues */
  /** Every value at one dosage: a row of `relu-anim trace --json`: dosage, each node's values
      under its name (nodeNames), sum, biased, output. @typedef {Record<string, any>} Row */
  /** One dosage's values as computed. @typedef {{dosage: number, nodes: NodeValues[], sum: number, biased: number, output: number}} Pass */
  /** The SSR over the data and its gradient, by parameter. @typedef {{ssr: number, gradient: Record<string, number>}} Fit */
  /** A gradient-descent step on the final bias. @typedef {{value: number, ssr: number, slope: number, step_size: number}} Step */
  /** A figure of the explorer: "diagram", "pieces", "output", or a node's name (its activation). @typedef {string} Figure */

  // == the model: forward pass, SSR and gradient ========================================

  var BEND_TOLERANCE = 1e-12;  // pre-activations this close to 0 sit on ReLU's bend
  var LARGEST = 1e6;           // as relu_anim/model/files.py: larger values are typos
  var LONGEST_NAME = 30;
  var MAX_HIDDEN = 8;           // as relu_anim/model/network.py
  var SCHEMA = 2;               // the network files' form with a list of nodes
  /** @type {(keyof HiddenNode)[]} */
  var FIELDS = ["weight", "bias", "output_weight"];
  var MIDDLE_NAMES = ["second", "third", "fourth", "fifth", "sixth", "seventh"];
  var HIDDEN = ["relu", "softplus", "sigmoid"];
  var OUTPUT = ["relu", "none"];
  var MIN_STEP = 0.001, MAX_STEPS = 1000;  // the derivative stage's descent

  /* The nodes' keys, top first, named by place (relu_anim/model/network.py's node_names):
     "hidden" alone; "top", "bottom" for two; "top", "second", ..., "bottom" for more. */
  /** @param {number} n @returns {string[]} */
  function nodeNames(n) {
    if (n === 1) { return ["hidden"]; }
    return ["top"].concat(MIDDLE_NAMES.slice(0, n - 2), ["bottom"]);
  }

  /* Every parameter's name: the final bias, then "<node>.<field>" for each node, top first. */
  /** @param {Network} net @returns {string[]} */
  function parameters(net) {
    var names = ["final_bias"];
    nodeNames(net.hidden.length).forEach(function (which) { FIELDS.forEach(function (f) { names.push(which + "." + f); }); });
    return names;
  }

  /** log(1 + e^x), without overflow. @param {number} x */
  function logAddExp0(x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }

  /** @type {Record<string, (x: number) => number>} */
  var ACTIVATE = {
    relu: function (x) { return Math.max(0, x); },
    softplus: logAddExp0,
    sigmoid: function (x) { return Math.exp(-logAddExp0(-x)); },
    none: function (x) { return x; }
  };

  /* The activation's slope at x; ReLU has none at its bend, `atZero` (0 or 1) is taken. */
  /** @param {string} name an activation @param {number} x @param {number} atZero */
  function slope(name, x, atZero) {
    if (name === "relu") { return Math.abs(x) <= BEND_TOLERANCE ? atZero : (x > 0 ? 1 : 0); }
    if (name === "softplus") { return ACTIVATE.sigmoid(x); }
    if (name === "sigmoid") { var s = ACTIVATE.sigmoid(x); return s * (1 - s); }
    return 1;
  }

  /** @param {HiddenNode} node @param {string} hidden its activation @param {number} dosage @returns {NodeValues} */
  function nodePass(node, hidden, dosage) {
    var x = node.weight * dosage + node.bias;
    var y = ACTIVATE[hidden](x);
    return { x: x, y: y, scaled: y * node.output_weight };
  }

  /* Every intermediate value at one dosage; the sum adds the nodes top first, as the model does. */
  /** @param {Network} net @param {number} dosage @returns {Pass} */
  function forward(net, dosage) {
    var nodes = net.hidden.map(function (node) { return nodePass(node, net.hidden_activation, dosage); });
    var sum = nodes.reduce(function (total, pass) { return total + pass.scaled; }, 0);
    var biased = sum + net.final_bias;
    return { dosage: dosage, nodes: nodes, sum: sum, biased: biased, output: ACTIVATE[net.output_activation](biased) };
  }

  /* A row of `relu-anim trace --json`: each node's values under its name. */
  /** @param {Pass} pass @returns {Row} */
  function traceRow(pass) {
    /** @type {Row} */
    var row = { dosage: pass.dosage };
    nodeNames(pass.nodes.length).forEach(function (which, i) { row[which] = pass.nodes[i]; });
    row.sum = pass.sum; row.biased = pass.biased; row.output = pass.output;
    return row;
  }

  /* The SSR over the data and d(SSR)/d(parameter) for every parameter, by the chain rule. */
  /** @param {Network} net @param {Data} data @param {number} atZero @returns {Fit} */
  function ssrAndGradient(net, data, atZero) {
    /** @type {Record<string, number>} */
    var gradient = {};
    var ssr = 0;
    var names = nodeNames(net.hidden.length);
    parameters(net).forEach(function (name) { gradient[name] = 0; });
    data.dosage.forEach(function (dosage, i) {
      var f = forward(net, dosage);
      var residual = data.observed[i] - f.output;
      ssr += residual * residual;
      var dBiased = -2 * residual * slope(net.output_activation, f.biased, atZero);
      gradient.final_bias += dBiased;
      net.hidden.forEach(function (node, k) {
        var pass = f.nodes[k], which = names[k];
        var dX = dBiased * node.output_weight * slope(net.hidden_activation, pass.x, atZero);
        gradient[which + ".weight"] += dX * dosage;
        gradient[which + ".bias"] += dX;
        gradient[which + ".output_weight"] += dBiased * pass.y;
      });
    });
    return { ssr: ssr, gradient: gradient };
  }

  /* The derivative stage's learning rate for the final bias: 0.1, less for over 5 points. */
  /** @param {Data} data */
  function descentRate(data) { return Math.min(0.1, 0.5 / data.dosage.length); }

  /* Dosages 0..1 for drawing: evenly spaced, plus every bend (curves are exact). */
  /** @param {Network} net @param {number} samples @returns {number[]} */
  function sampleDosages(net, samples) {
    var d = [];
    for (var i = 0; i < samples; i++) { d.push(i / (samples - 1)); }
    if (net.hidden_activation === "relu") {
      net.hidden.forEach(function (node) {
        if (node.weight !== 0) { d.push(-node.bias / node.weight); }
      });
    }
    d = d.filter(function (v) { return v >= 0 && v <= 1; }).sort(function (a, b) { return a - b; });
    if (net.output_activation === "relu") {
      var crossings = [];
      for (var k = 0; k + 1 < d.length; k++) {
        var b0 = forward(net, d[k]).biased, b1 = forward(net, d[k + 1]).biased;
        if (b0 * b1 < 0) { crossings.push(d[k] - b0 * (d[k + 1] - d[k]) / (b1 - b0)); }
      }
      d = d.concat(crossings).sort(function (a, b) { return a - b; });
    }
    return d;
  }

  // == network files: the JSON form, checked as relu_anim/model/files.py checks the TOML ==

  class ExplorerError extends Error {
    /** @param {string} message */
    constructor(message) { super(message); this.name = "ExplorerError"; }
  }

  /** What a value is, in the words of the messages ("a list of 3"). @param {unknown} value */
  function kind(value) {
    if (Array.isArray(value)) { return "a list of " + value.length; }
    if (value === null || value === undefined) { return "nothing"; }
    if (typeof value === "boolean") { return "true/false"; }
    if (typeof value === "string") { return "a string"; }
    if (typeof value === "number") { return "a number"; }
    return "a table";
  }

  /** @param {unknown} value @param {string} key @returns {number} */
  function checkNumber(value, key) {
    if (typeof value !== "number") { throw new ExplorerError(key + ": expected a number, got " + kind(value)); }
    if (!isFinite(value)) { throw new ExplorerError(key + ": " + value + " is not a finite number"); }
    if (Math.abs(value) > LARGEST) { throw new ExplorerError(key + ": " + g(value) + " is too large (keep values within ±1e+06)"); }
    return value;
  }

  /** @param {unknown} value @param {string} key @param {string} fallback @param {boolean} [empty] allowed empty @returns {string} */
  function checkText(value, key, fallback, empty) {
    if (value === undefined) { return fallback; }
    if (typeof value !== "string") { throw new ExplorerError(key + ": expected a string, got " + kind(value)); }
    if (!empty && !value.trim()) { throw new ExplorerError(key + ": is empty"); }
    if (value.length > LONGEST_NAME) { throw new ExplorerError(key + ": too long to fit on screen (" + value.length + " characters; at most " + LONGEST_NAME + ")"); }
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    if (/[\u0000-\u001f]/.test(value)) { throw new ExplorerError(key + ": contains a control character (a line break or tab)"); }
    return value;
  }

  /** @param {unknown} value @param {string} key @returns {Record<string, unknown>} */
  function table(value, key) {
    if (value === undefined) { return {}; }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ExplorerError(key + ": expected a table ([" + key + "]), got " + kind(value));
    }
    return /** @type {Record<string, unknown>} */ (value);
  }

  /** @param {object} object @param {string[]} known @param {string} prefix */
  function only(object, known, prefix) {
    Object.keys(object).forEach(function (key) {
      if (known.indexOf(key) < 0) {
        throw new ExplorerError(prefix + key + ": unknown key; expected one of: " + known.slice().sort().join(", "));
      }
    });
  }

  /* A checked, complete copy of a network's JSON form (throws ExplorerError, one line). */
  /** @param {unknown} json @returns {Network} */
  function checkNetwork(json) {
    var source = table(json, "network");
    only(source, ["schema", "name", "hidden_activation", "output_activation", "final_bias", "hidden", "top", "bottom", "input", "output", "data"], "");
    var name = checkText(source.name, "name", "network");
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      throw new ExplorerError("name: use letters, digits, '.', '_' and '-' only (it names the output folder)");
    }
    /** @type {[string, string[]][]} */
    var choices = [["hidden_activation", HIDDEN], ["output_activation", OUTPUT]];
    var activations = choices.map(function (pair) {
      var value = checkText(source[pair[0]], pair[0], "relu");
      if (pair[1].indexOf(value) < 0) {
        throw new ExplorerError(pair[0] + ": unknown activation '" + value + "'; choose one of: " + pair[1].join(", "));
      }
      return value;
    });
    var nodes = checkNodes(source);
    if (!("final_bias" in source)) { throw new ExplorerError("final_bias: missing"); }
    var finalBias = checkNumber(source.final_bias, "final_bias");
    var input = table(source.input, "input"), output = table(source.output, "output");
    only(input, ["name", "unit", "labels"], "input.");
    only(output, ["name", "unit"], "output.");
    var labels = input.labels === undefined ? ["Low", "Medium", "High"] : input.labels;
    if (!Array.isArray(labels) || labels.length !== 3) { throw new ExplorerError("input.labels: expected a list of 3 strings, got " + kind(labels)); }
    var inputNames = { name: checkText(input.name, "input.name", "Dosage"), unit: checkText(input.unit, "input.unit", "", true),
                       labels: labels.map(function (label, i) { return checkText(label, "input.labels[" + i + "]", ""); }) };
    var outputNames = { name: checkText(output.name, "output.name", "Effectiveness"), unit: checkText(output.unit, "output.unit", "", true) };
    if (!("data" in source)) { throw new ExplorerError("data: missing"); }
    var data = table(source.data, "data");
    only(data, ["dosage", "observed"], "data.");
    var columns = ["dosage", "observed"].map(function (key) {
      var values = data[key];
      if (!Array.isArray(values)) { throw new ExplorerError("data." + key + ": expected a list of numbers, got " + kind(values)); }
      values.forEach(function (v, i) {
        if (typeof v !== "number") { throw new ExplorerError("data." + key + "[" + i + "]: expected a number, got " + kind(v)); }
      });
      return values;
    });
    if (columns[0].length !== columns[1].length) {
      throw new ExplorerError("data.observed: has " + columns[1].length + " values but data.dosage has " + columns[0].length);
    }
    var checked = checkData(columns[0].map(function (d, i) { return [d, columns[1][i], "data.dosage[" + i + "]"]; }), "", "data.dosage");
    return { schema: SCHEMA, name: name, hidden_activation: activations[0], output_activation: activations[1], final_bias: finalBias,
             hidden: nodes, input: inputNames, output: outputNames, data: checked };
  }

  /* The hidden nodes, top first: the list `hidden` (schema 2), or the tables `top` and
     `bottom` of the first form (schema 1, a 1-2-1 network, unchanged in meaning); one form
     or the other. The rules and words of relu_anim/model/files.py's read_nodes. */
  /** @param {Record<string, unknown>} source @returns {HiddenNode[]} */
  function checkNodes(source) {
    var old = ["top", "bottom"].filter(function (key) { return key in source; });
    var schema = "schema" in source ? source.schema : (old.length ? 1 : SCHEMA);
    if (schema !== 1 && schema !== SCHEMA) {
      throw new ExplorerError("schema: unknown schema " + pyValue(schema) + "; this relu-anim reads 1 ([top] and [bottom]) and " + SCHEMA);
    }
    if (old.length && "hidden" in source) { throw new ExplorerError(old[0] + ": give the nodes as [[hidden]] tables or as [top] and [bottom], not both"); }
    if (schema === 1) {
      if ("hidden" in source) { throw new ExplorerError("hidden: schema 1 gives the nodes as [top] and [bottom]; [[hidden]] tables need schema = " + SCHEMA); }
      return ["top", "bottom"].map(function (which) {
        if (!(which in source)) { throw new ExplorerError(which + ": missing"); }
        return checkNode(table(source[which], which), which);
      });
    }
    if (old.length) { throw new ExplorerError(old[0] + ": schema " + SCHEMA + " gives the nodes as [[hidden]] tables, top first, not [top] and [bottom]"); }
    if (!("hidden" in source)) { throw new ExplorerError("hidden: missing: give one [[hidden]] table per hidden node, top first"); }
    var list = source.hidden;
    if (!Array.isArray(list)) { throw new ExplorerError("hidden: expected [[hidden]] tables, one per node, got " + kind(list)); }
    if (list.length < 1 || list.length > MAX_HIDDEN) {
      throw new ExplorerError("hidden: " + list.length + " nodes; a network has 1 to " + MAX_HIDDEN + " hidden nodes");
    }
    return list.map(function (node, i) { return checkNode(table(node, "hidden[" + i + "]"), "hidden[" + i + "]"); });
  }

  /** A value as Python's repr writes it (a schema's, in a message). @param {unknown} value */
  function pyValue(value) {
    if (typeof value === "string") { return pyRepr(value); }
    if (typeof value === "boolean") { return value ? "True" : "False"; }
    if (typeof value === "number") { return String(value); }
    return kind(value);
  }

  /** @param {Record<string, unknown>} node @param {string} where @returns {HiddenNode} */
  function checkNode(node, where) {
    only(node, FIELDS, where + ".");
    var values = FIELDS.map(function (field) {
      if (!(field in node)) { throw new ExplorerError(where + "." + field + ": missing"); }
      return checkNumber(node[field], where + "." + field);
    });
    return { weight: values[0], bias: values[1], output_weight: values[2] };  // FIELDS' order
  }

  /* (dosage, observed, where) rows -> {dosage, observed} in dosage order; the rules and
     the words of relu_anim/model/files.py's check_data. `path` is "" for a network. */
  /** @param {[number, number, string][]} rows @param {string} path @param {string} what @returns {Data} */
  function checkData(rows, path, what) {
    /** @param {string} where @param {string} problem @returns {never} */
    function fail(where, problem) {
      var sep = /^\d+$/.test(where) ? ":" : ": ";
      throw new ExplorerError((path ? path + sep : "") + where + ": " + problem);
    }
    /** @type {Map<number, number>} */
    var seen = new Map();
    rows.forEach(function (row) {
      var dosage = row[0], observed = row[1], where = row[2];
      [dosage, observed].forEach(function (value) {
        if (!isFinite(value)) { fail(where, (isNaN(value) ? "nan" : (value > 0 ? "inf" : "-inf")) + " is not a finite number"); }
        if (Math.abs(value) > LARGEST) { fail(where, g(value) + " is too large (keep values within ±1e+06)"); }
      });
      if (!(dosage >= 0 && dosage <= 1)) { fail(where, "dosage " + g(dosage) + " is outside 0 (low) to 1 (high); rescale the dosages"); }
      var before = seen.get(dosage);
      if (before !== undefined && before !== observed) {
        fail(where, "dosage " + g(dosage) + " appears twice, with " + g(before) + " and " + g(observed));
      }
      seen.set(dosage, observed);
    });
    if (seen.size < 2) {
      throw new ExplorerError((path ? path + ": " : "") + what + ": " + (rows.length ? "only one dosage" : "no data points") +
                              "; a network needs data at two dosages at least");
    }
    var pairs = Array.from(seen.entries()).sort(function (a, b) { return a[0] - b[0]; });
    return { dosage: pairs.map(function (p) { return p[0]; }), observed: pairs.map(function (p) { return p[1]; }) };
  }

  /* Python's "%g": 6 significant digits, exponent from 1e6 and under 1e-4. */
  /** @param {number} value */
  function g(value) {
    if (value === 0) { return "0"; }
    var parts = value.toExponential(5).split("e"), exponent = Number(parts[1]);
    if (exponent < -4 || exponent >= 6) {
      var mantissa = parts[0].replace(/\.?0+$/, "");
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    var text = value.toFixed(Math.max(0, 5 - exponent));
    return text.indexOf(".") >= 0 ? text.replace(/\.?0+$/, "") : text;
  }

  // -- data files: CSV, as `relu-anim fit` reads them ------------------------------------

  var NUMBER = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

  /* A cell as Python's float() reads it, or null. */
  /** @param {string} cell @returns {number | null} */
  function number(cell) {
    var text = cell.trim();
    if (NUMBER.test(text)) { return Number(text.replace(/_/g, "")); }
    if (/^[+-]?(?:inf|infinity)$/i.test(text)) { return text[0] === "-" ? -Infinity : Infinity; }
    if (/^[+-]?nan$/i.test(text)) { return NaN; }
    return null;
  }

  /** @param {string} line */
  function csvCells(line) {
    var cells = [], cell = "", quoted = false;
    for (var i = 0; i < line.length; i++) {
      var c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') { quoted = false; } else { cell += c; }
      } else if (c === '"' && cell === "") { quoted = true; } else if (c === ",") { cells.push(cell); cell = ""; } else { cell += c; }
    }
    cells.push(cell);
    return cells;
  }

  /** @param {string} text */
  function pyRepr(text) { return text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' + text + '"' : "'" + text.replace(/'/g, "\\'") + "'"; }

  /* A data CSV (a header line, then dosage,observed per line) -> {data, names}. */
  /** @param {string} text @param {string} path @returns {{data: Data, names: string[]}} */
  function readCsv(text, path) {
    text = text.replace(/^\ufeff/, "");
    if (text.indexOf("\u0000") >= 0) {
      throw new ExplorerError(path + ":" + (text.slice(0, text.indexOf("\u0000")).split("\n").length) + ": a binary file, not text");
    }
    /** @type {[number, string[]][]} the lines that are not blank: [line number, cells] */
    var numbered = [];
    text.split(/\r\n|\r|\n/).forEach(function (line, i) {
      var cells = csvCells(line);
      if (cells.some(function (c) { return c.trim(); })) { numbered.push([i + 1, cells]); }
    });
    if (!numbered.length) { throw new ExplorerError(path + ": empty: expected a header line and then one line per data point"); }
    numbered.forEach(function (row) {
      if (row[1].length !== 2) { throw new ExplorerError(path + ":" + row[0] + ": expected 2 columns (dosage, observed), found " + row[1].length); }
    });
    var header = numbered[0][1];
    if (header.every(function (c) { return number(c) !== null; })) {
      throw new ExplorerError(path + ":" + numbered[0][0] + ": expected a header line (e.g. dosage,effectiveness) first");
    }
    /** @type {[number, number, string][]} */
    var rows = numbered.slice(1).map(function (row) {
      var values = row[1].map(function (cell) {
        var value = number(cell);
        if (value === null) { throw new ExplorerError(path + ":" + row[0] + ": " + pyRepr(cell.trim()) + " is not a number"); }
        return value;
      });
      return [values[0], values[1], String(row[0])];
    });
    var data = checkData(rows, path, "data");
    return { data: data, names: header.map(function (c) { return c.trim().slice(0, LONGEST_NAME); }) };
  }

  // -- writing the network file (TOML), as relu_anim/model/files.py writes it ------------

  /** @param {number} value */
  function tomlNumber(value) {
    var text = String(value);
    return /[.e]/.test(text) ? text : text + ".0";
  }

  /** @param {string} text */
  function tomlString(text) { return JSON.stringify(text); }

  /** @param {Network} net */
  function toToml(net) {
    var lines = ["# Saved from <relu-explorer>; relu-anim render --network FILE renders it.",
      "schema = " + SCHEMA,
      "name = " + tomlString(net.name),
      "hidden_activation = " + tomlString(net.hidden_activation),
      "output_activation = " + tomlString(net.output_activation),
      "final_bias = " + tomlNumber(net.final_bias)];
    net.hidden.forEach(function (node) {
      lines.push("", "[[hidden]]");
      FIELDS.forEach(function (field) { lines.push(field + " = " + tomlNumber(node[field])); });
    });
    lines.push("", "[input]", "name = " + tomlString(net.input.name), "unit = " + tomlString(net.input.unit),
      "labels = [" + net.input.labels.map(tomlString).join(", ") + "]",
      "", "[output]", "name = " + tomlString(net.output.name), "unit = " + tomlString(net.output.unit),
      "", "[data]",
      "dosage = [" + net.data.dosage.map(tomlNumber).join(", ") + "]",
      "observed = [" + net.data.observed.map(tomlNumber).join(", ") + "]");
    return lines.join("\n") + "\n";
  }

  /** Where a ReLU node bends, in dosage (null for a flat node). @param {HiddenNode} node */
  function bend(node) { return node.weight === 0 ? null : -node.bias / node.weight; }

  /* The middle of the widest stretch of 0..1 between the given points (a new node's bend). */
  /** @param {number[]} points in 0..1 @returns {number} */
  function widestGap(points) {
    var edges = [0].concat(points.slice().sort(function (a, b) { return a - b; }), [1]), best = 0;
    for (var i = 1; i < edges.length; i++) { if (edges[i] - edges[i - 1] > edges[best + 1] - edges[best]) { best = i - 1; } }
    return Math.round((edges[best] + edges[best + 1]) / 2 * 1000) / 1000;
  }

  // == drawing ===========================================================================

  var SVG = "http://www.w3.org/2000/svg";
  var MINUS = "\u2212";

  /* Two decimals with a real minus sign, never "−0.00" (relu_anim/text.py's fmt). */
  /** @param {number} value @param {number} [decimals] */
  function fmt(value, decimals) {
    var text = value.toFixed(decimals === undefined ? 2 : decimals);
    if (/^-?[0.]*$/.test(text)) { text = text.replace("-", ""); }
    return text.replace("-", MINUS);
  }

  /** An SVG element. @template {keyof SVGElementTagNameMap} K @param {K} tag @param {Record<string, string | number>} [attrs]
      @param {Node} [parent] @param {string} [text] @returns {SVGElementTagNameMap[K]} */
  function node(tag, attrs, parent, text) {
    var el = /** @type {SVGElementTagNameMap[K]} */ (document.createElementNS(SVG, tag));
    var given = attrs || {};
    Object.keys(given).forEach(function (k) { el.setAttribute(k, String(given[k])); });
    if (text !== undefined) { el.textContent = text; }
    if (parent) { parent.appendChild(el); }
    return el;
  }

  /** An HTML element. @template {keyof HTMLElementTagNameMap} K @param {K} tag @param {Record<string, string | number>} [attrs]
      @param {Node} [parent] @param {string} [text] @returns {HTMLElementTagNameMap[K]} */
  function html(tag, attrs, parent, text) {
    var el = document.createElement(tag);
    var given = attrs || {};
    Object.keys(given).forEach(function (k) { el.setAttribute(k, String(given[k])); });
    if (text !== undefined) { el.textContent = text; }
    if (parent) { parent.appendChild(el); }
    return el;
  }

  /** @param {number[]} values @param {number} [pad] @returns {[number, number]} */
  function extent(values, pad) {
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
    var margin = (hi - lo) * (pad === undefined ? 0.08 : pad);
    return [lo - margin, hi + margin];
  }

  /** @param {number} lo @param {number} hi @param {number} count @returns {number[]} */
  function ticks(lo, hi, count) {
    var raw = (hi - lo) / count, power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = /** @type {number} */ ([1, 2, 5, 10].map(function (m) { return m * power; }).find(function (s) { return s >= raw; }));  // raw < 10 × power
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) { out.push(Math.abs(t) < step * 1e-6 ? 0 : t); }
    return out;
  }

  /** @param {number} value */
  function tickText(value) { return String(Number(value.toPrecision(6))).replace("-", MINUS); }

  /* A text longer than `room` (a chart's title in a narrow frame) squeezed to fit it, not cut
     off by the chart's edge. Measured once drawn (an element not displayed measures 0). */
  /** @param {SVGTextElement} text @param {number} room in viewBox units */
  function fitText(text, room) {
    if (text.getComputedTextLength() > room) {
      text.setAttribute("textLength", String(room));
      text.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
  }

  /** A chart's frame, in viewBox units. @typedef {{W: number, H: number, LEFT: number, RIGHT: number, TOP: number, BOTTOM: number, titleX: number}} Frame */
  /** @type {Frame} the charts' frame beside the controls (two charts side by side, or one column of them) */
  var WIDE = { W: 360, H: 230, LEFT: 52, RIGHT: 12, TOP: 30, BOTTOM: 42, titleX: 52 };
  var SMALLEST_TEXT = 12.5;  // px on screen: the tick labels' 11 units are drawn at least this large
  var TICK_TEXT = 11;

  /* On a phone (one chart at a time above the controls: the `narrow` layout) a frame as many
     units wide as fits the chart's pixels at TICK_TEXT -> SMALLEST_TEXT: text stays readable
     however narrow the screen; below 240 units the chart is drawn smaller than that. */
  /** @param {number} pixels the chart's width on screen @returns {Frame} */
  function narrowFrame(pixels) {
    var w = Math.round(Math.max(240, Math.min(WIDE.W, pixels * TICK_TEXT / SMALLEST_TEXT)));
    return { W: w, H: Math.round(w * 0.68), LEFT: 44, RIGHT: 16, TOP: 28, BOTTOM: 40, titleX: 4 };
  }

  /* An empty plot (axes, ticks, titles) with scales; marks are added by the caller. */
  /** @param {SVGSVGElement} svg
      @param {{id: string, x: number[], y: number[], label: string, title: string, xTitle: string, xTicks?: [number, string][], frame: Frame}} spec
      @returns {{line(xs: number[], ys: number[], cls: string): SVGPolylineElement, dot(x: number, y: number, cls: string, r?: number): SVGCircleElement,
                 vline(x: number, cls: string): SVGLineElement}} */
  function plot(svg, spec) {
    var f = spec.frame, W = f.W, H = f.H, LEFT = f.LEFT, RIGHT = f.RIGHT, TOP = f.TOP, BOTTOM = f.BOTTOM;
    svg.replaceChildren();
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var x0 = spec.x[0], x1 = spec.x[1], y0 = spec.y[0], y1 = spec.y[1];
    /** @param {number} x */
    function sx(x) { return LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT); }
    /** @param {number} y */
    function sy(y) { return H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM); }
    node("title", {}, svg, spec.label);
    var axes = node("g", { class: "axes" }, svg);
    ticks(y0, y1, 4).forEach(function (t) {
      node("line", { x1: LEFT, x2: W - RIGHT, y1: sy(t), y2: sy(t), class: t === 0 ? "zero" : "grid" }, axes);
      node("text", { x: LEFT - 6, y: sy(t) + 4, class: "tick", "text-anchor": "end" }, axes, tickText(t));
    });
    /** @type {[number, string][]} */
    var xTicks = spec.xTicks || ticks(x0, x1, 4).map(function (t) { return [t, tickText(t)]; });
    xTicks.forEach(function (t) {
      node("line", { x1: sx(t[0]), x2: sx(t[0]), y1: TOP, y2: H - BOTTOM, class: t[0] === 0 ? "zero" : "grid" }, axes);
      node("text", { x: sx(t[0]), y: H - BOTTOM + 15, class: "tick", "text-anchor": "middle" }, axes, t[1]);
    });
    node("rect", { x: LEFT, y: TOP, width: W - LEFT - RIGHT, height: H - TOP - BOTTOM, class: "frame" }, axes);
    fitText(node("text", { x: f.titleX, y: 18, class: "title" }, svg, spec.title), W - f.titleX - 4);
    node("text", { x: (LEFT + W - RIGHT) / 2, y: H - 8, class: "axis-title", "text-anchor": "middle" }, svg, spec.xTitle);
    var clip = "clip-" + spec.id;
    node("rect", { x: LEFT - 7, y: TOP - 7, width: W - LEFT - RIGHT + 14, height: H - TOP - BOTTOM + 14 }, node("clipPath", { id: clip }, svg));
    var marks = node("g", { "clip-path": "url(#" + clip + ")" }, svg);
    return {
      line: function (xs, ys, cls) {
        var points = xs.map(function (x, i) { return sx(x).toFixed(2) + "," + sy(ys[i]).toFixed(2); }).join(" ");
        return node("polyline", { points: points, class: "curve " + cls }, marks);
      },
      dot: function (x, y, cls, r) { return node("circle", { cx: sx(x), cy: sy(y), r: r === undefined ? 5 : r, class: "dot " + cls }, marks); },
      vline: function (x, cls) { return node("line", { x1: sx(x), x2: sx(x), y1: TOP, y2: H - BOTTOM, class: cls }, marks); }
    };
  }

  /** @param {Network} net @returns {[number, string][]} */
  function dosageTicks(net) {
    return [[0, net.input.labels[0]], [0.5, net.input.labels[1]], [1, net.input.labels[2]]];
  }

  /** @param {Names} names */
  function title(names) { return names.unit ? names.name + " (" + names.unit + ")" : names.name; }

  // -- the component's own style: the lesson's theme colours (relu_anim/theme.py) ------------

  /* The hidden nodes' palette, light and dark (relu_anim/theme.py's Theme.nodes): node k of
     any count is drawn in --node-k (theme.node_colors(n): the palette's first n), so a node
     keeps its colour when nodes are added below it, and the lesson's two are the top blue and
     the bottom orange. A page may set its own --node-k on the element. */
  var NODE_PALETTE = {
    light: ["var(--top)", "var(--bottom)", "#803000", "#702090", "#9060A0", "#E02030", "#0030F0", "#806000"],
    dark: ["var(--top)", "var(--bottom)", "#F0FC00", "#9C9000", "#F0C0FC", "#D86C60", "#B478C0", "#FCE49C"]
  };
  /** @param {string[]} colours */
  function paletteCss(colours) { return colours.map(function (c, k) { return "--node-" + k + ": " + c + ";"; }).join(" "); }

  /** The classes of node k of n's marks: "node", its name and its colour. @param {number} k @param {number} n */
  function nodeClass(k, n) { return "node " + nodeNames(n)[k] + " c" + k; }

  var STYLE = [
    ":host { display: block; --bg: #FBFAF7; --ink: #1F2328; --muted: #57606A; --grid: #D8DCE0; --top: #1D6AE1;",
    "  --bottom: #E0700B; --output: #148042; --data: #1F2328; --highlight: #C2185B; --node: #FFFFFF; --accent: #0B5CAD;",
    "  --focus: #B34700; --panel: #F0EEE8; color: var(--ink); background: var(--bg); border-radius: 0.5rem;",
    "  font-family: system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Roboto, sans-serif; line-height: 1.4;",
    "  " + paletteCss(NODE_PALETTE.light) + " }",
    ":host([data-theme='dark']) { --bg: #16181D; --ink: #ECEFF4; --muted: #AEB6BF; --grid: #353A43; --top: #58A6FF;",
    "  --bottom: #FFA657; --output: #56D364; --data: #ECEFF4; --highlight: #FF7EB6; --node: #22262E; --accent: #8CC4FF;",
    "  --focus: #FFB366; --panel: #22262E; " + paletteCss(NODE_PALETTE.dark) + " }",
    NODE_PALETTE.light.map(function (c, k) { return ".c" + k + " { --c: var(--node-" + k + "); }"; }).join(" "),
    "* { box-sizing: border-box; }",
    ".explorer { display: grid; grid-template-columns: minmax(0, 1fr) minmax(17rem, 22rem); gap: 0.75rem; padding: 0.75rem; }",
    ".figures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem; align-content: start; }",
    "figure { margin: 0; border: 2px solid transparent; border-radius: 0.4rem; }",
    "figure.diagram { grid-column: 1 / -1; }",
    "figure.diagram svg { max-height: calc(15rem * var(--tall, 1)); } figure.diagram svg text { font-size: 15px; }",
    "figure.focused { border-color: var(--highlight); }",
    "figcaption { font-size: 0.85rem; color: var(--muted); padding: 0 0.3rem; }",
    "svg { display: block; width: 100%; height: auto; }",
    "svg text { fill: var(--ink); font-size: 12px; font-family: inherit; }",
    "svg .tick, svg .axis-title { fill: var(--muted); font-size: " + TICK_TEXT + "px; }",
    "svg .title { font-weight: bold; font-size: 13px; }",
    "svg .grid { stroke: var(--grid); stroke-width: 1; }",
    "svg .zero { stroke: var(--muted); stroke-width: 1; }",
    "svg .frame { fill: none; stroke: var(--grid); }",
    ".curve { fill: none; stroke-width: 2.5; stroke-linejoin: round; }",
    ".curve.node { stroke: var(--c); }",
    ".curve.sum { stroke: var(--output); stroke-dasharray: 7 4; } .curve.biased { stroke: var(--output); stroke-width: 1.5; }",
    ".curve.output { stroke: var(--output); stroke-width: 4; }",
    ".focus-sum .curve.sum, .focus-sum .curve.biased { stroke-width: 4.5; }",
    ".dot { stroke: var(--bg); stroke-width: 1.5; } .dot.node { fill: var(--c); }",
    ".dot.output, .dot.sum, .dot.biased { fill: var(--output); } .dot.data { fill: var(--data); }",
    ".now { stroke: var(--highlight); stroke-width: 1.5; stroke-dasharray: 3 3; }",
    ".residual { stroke: var(--highlight); stroke-width: 1.5; }",
    ".link { stroke: var(--muted); stroke-width: 2; } .link.node { stroke: var(--c); }",
    ".link.output { stroke: var(--output); }",
    ".unit { fill: var(--node); stroke: var(--ink); stroke-width: 2; } .unit.node { stroke: var(--c); stroke-width: 3; }",
    ".label-bg { fill: var(--bg); opacity: 0.9; }",
    ".traveller { stroke: var(--bg); stroke-width: 1.5; }",
    ".legend { display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; font-size: 0.8rem; margin: 0; padding: 0 0.3rem; list-style: none; }",
    ".legend span { display: inline-block; width: 1.4rem; height: 0; vertical-align: middle; margin-right: 0.3rem; border-top: 3px solid; }",
    ".legend .node { border-color: var(--c); }",
    ".legend .sum { border-top-style: dashed; border-color: var(--output); } .legend .biased { border-top-width: 1.5px; border-color: var(--output); }",
    ".legend .output { border-top-width: 4px; border-color: var(--output); }",
    ".legend .data { width: 0.6rem; height: 0.6rem; border: 0; border-radius: 50%; background: var(--data); }",
    ".controls { display: flex; flex-direction: column; gap: 0.5rem; font-size: 0.9rem; }",
    "fieldset { border: 1px solid var(--grid); border-radius: 0.4rem; margin: 0; padding: 0.4rem 0.6rem 0.6rem; }",
    "legend { font-weight: bold; padding: 0 0.3rem; }",
    ".row { display: grid; grid-template-columns: minmax(7rem, 1fr) minmax(5rem, 1.2fr) 5.2rem; gap: 0.4rem; align-items: center; margin: 0.15rem 0; }",
    ".row label { font-size: 0.85rem; }",
    ".row.choice { grid-template-columns: minmax(7rem, 1fr) minmax(6rem, 1.2fr); }",
    "input[type=range] { width: 100%; accent-color: var(--accent); margin: 0; min-height: 1.5rem; }",
    "input[type=number], select { width: 100%; font: inherit; font-size: 0.9rem; color: var(--ink); background: var(--node);",
    "  border: 1px solid var(--muted); border-radius: 0.25rem; padding: 0.15rem 0.3rem; min-height: 1.75rem; }",
    "button, .file { font: inherit; font-size: 0.9rem; color: var(--accent); background: var(--bg); border: 2px solid var(--accent);",
    "  border-radius: 0.4rem; padding: 0.25rem 0.6rem; cursor: pointer; min-height: 2rem; }",
    ".buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.3rem; }",
    /* each hidden node's controls under its name, in its colour, with its Remove button */
    ".node-group { margin: 0 0 0.35rem; }",
    ".node-head { display: flex; align-items: center; gap: 0.4rem; font-weight: bold; font-size: 0.85rem; margin-top: 0.2rem; }",
    ".node-head .remove { margin-left: auto; font-size: 0.8rem; min-height: 1.6rem; padding: 0.05rem 0.5rem; font-weight: normal; }",
    ".swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 0.2rem; background: var(--c); }",
    "button:disabled { opacity: 0.5; cursor: not-allowed; }",
    ":focus-visible, .file:focus-within { outline: 3px solid var(--focus); outline-offset: 2px; }",
    ".file input { position: absolute; opacity: 0; width: 1px; height: 1px; }",
    ".message, .descent-line { margin: 0; min-height: 1.2em; font-size: 0.85rem; }",
    ".message.error { color: var(--highlight); font-weight: bold; }",
    ".readout { width: 100%; border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }",
    ".readout th { text-align: left; font-weight: normal; color: var(--muted); padding: 0.05rem 0.3rem 0.05rem 0; }",
    ".readout td { text-align: right; padding: 0.05rem 0; }",
    ".readout tr.focused { outline: 2px solid var(--highlight); }",
    ".live { font-size: 0.85rem; margin: 0; }",
    ".problem { grid-column: 1 / -1; margin: 0; padding: 0.5rem; color: var(--highlight); font-weight: bold; }",
    /* By the element's own width (a page's column, presenter mode's side panel), not the window's. */
    ":host { container-type: inline-size; }",
    "@container (max-width: 62rem) { .explorer { grid-template-columns: minmax(0, 1fr) minmax(15rem, 17rem); }",
    "  .figures { grid-template-columns: minmax(0, 1fr); } .row { grid-template-columns: minmax(0, 1fr) 4.6rem; }",
    "  .row input[type=range] { grid-column: 1 / -1; grid-row: 2; } }",
    "@container (max-width: 36rem) { .explorer { padding: 0.4rem; grid-template-columns: minmax(0, 1fr); }",
    "  .row { grid-template-columns: minmax(7rem, 1fr) minmax(5rem, 1.2fr) 5.2rem; } .row input[type=range] { grid-column: auto; grid-row: auto; }",
    "  figure.diagram svg text { font-size: 19px; } }",
    /* narrow (a phone, not compact): the charts are a panel that stays at the top of the screen
       while the controls scroll beneath it, one chart at a time (the tabs, or the chart of the
       control in use), so a slider and the chart it moves are on screen together. */
    ".tabs { display: none; }",
    "@container (max-width: 36rem) {",
    "  :host(:not([compact])) .figures { position: sticky; top: 0; z-index: 1; background: var(--bg); gap: 0.25rem;",
    "    padding: 0.3rem 0 0.25rem; border-bottom: 2px solid var(--grid); }",
    "  :host(:not([compact])) .tabs { display: flex; gap: 0.25rem; }",
    "  :host(:not([compact])) .tabs button { flex: 1 1 0; min-width: 0; min-height: 2rem; padding: 0.1rem 0.15rem; font-size: 0.8rem; }",
    /* more nodes than the lesson's two: tabs as wide as their names, wrapping onto a second line */
    "  :host(:not([compact])) .tabs.many { flex-wrap: wrap; } :host(:not([compact])) .tabs.many button { flex: 1 1 auto; min-width: 2.4rem; }",
    "  :host(:not([compact])) .tabs button[aria-pressed='true'] { background: var(--accent); color: var(--bg); }",
    /* every chart in one cell, the others hidden: the panel keeps its height (the tallest
       chart's) whichever is shown, so the controls do not move when a slider changes it */
    "  :host(:not([compact])) .figures { grid-template-rows: auto auto; }",
    "  :host(:not([compact])) figure { grid-row: 2; grid-column: 1; }",
    "  :host(:not([compact])) figure:not([data-shown]) { visibility: hidden; }",
    "  :host(:not([compact])) figure.diagram svg { max-height: none; } :host(:not([compact])) figure.diagram svg text { font-size: 22px; }",
    "  :host(:not([compact])) figure.diagram svg.many text { font-size: 19px; }",
    "  :host(:not([compact])) figcaption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }",
    "  :host(:not([compact])) .controls :is(input, select, button, .file) { scroll-margin: calc(var(--panel, 0px) + 0.5rem) 0 0.5rem; } }",
    /* compact: one screen beside a presenter-mode stage (any width from about 36rem). */
    ":host([compact]) .explorer { grid-template-columns: minmax(0, 1fr) minmax(15rem, 17rem); padding: 0.4rem; gap: 0.5rem; }",
    ":host([compact]) .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.25rem; }",
    ":host([compact]) figure.diagram svg { max-height: calc(9rem * var(--tall, 1)); }",
    ":host([compact]) .node-tools { display: none; }",
    ":host([compact]) figcaption, :host([compact]) .values { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }",
    ":host([compact]) .legend { font-size: 0.75rem; }",
    ":host([compact]) .controls { gap: 0.3rem; }",
    ":host([compact]) fieldset { padding: 0.2rem 0.5rem 0.4rem; }",
    ":host([compact]) .row { grid-template-columns: 5.5rem minmax(3rem, 1fr) 4.2rem; margin: 0; gap: 0 0.3rem; }",
    ":host([compact]) .row label { font-size: 0.8rem; line-height: 1.15; }",
    ":host([compact]) .row input[type=range] { grid-column: auto; grid-row: auto; min-height: 1.2rem; }",
    ":host([compact]) input[type=number], :host([compact]) select { min-height: 1.5rem; padding: 0 0.25rem; }",
    ":host([compact]) .row.choice { grid-template-columns: 5.5rem minmax(0, 1fr); }",
    ":host([compact]) .files { display: none; }",
    "@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }"
  ].join("\n");

  /** A node's name as a title: "Top", "Second", "Hidden". @param {string} which */
  function capital(which) { return which[0].toUpperCase() + which.slice(1); }
  /* A parameter's label beside its slider: "Top weight", "Second output weight", "Final bias". */
  /** @param {string} name */
  function paramLabel(name) { var p = name.split("."); return p.length === 1 ? "Final bias" : capital(p[0]) + " " + p[1].replace("_", " "); }
  /* Moments a page can open the explorer on (el.show): which figure, and what to stress;
     "top" and "bottom" are the first and the last node (the only one, for a network of one). */
  /** @param {string} focus @param {number} n @returns {Figure | null} */
  function focusFigure(focus, n) {
    var figure = FOCUS[focus];
    if (figure === "top" || figure === "bottom") { return nodeNames(n)[figure === "top" ? 0 : n - 1]; }
    return figure || null;
  }
  /** @type {Record<string, string>} */
  var FOCUS = { diagram: "diagram", top: "top", bottom: "bottom", pieces: "pieces", sum: "pieces", output: "output", descent: "output" };
  /* The narrow layout's tabs: the chart each shows, its name, and its name in full for a
     screen reader where the tab's is short ("2nd": the second node). */
  var SHORT = { second: "2nd", third: "3rd", fourth: "4th", fifth: "5th", sixth: "6th", seventh: "7th" };
  /** @param {number} n @returns {[Figure, string, string][]} */
  function tabs(n) {
    /** @type {[Figure, string, string][]} */
    var nodes = nodeNames(n).map(function (which) {
      var short = /** @type {Record<string, string>} */ (SHORT)[which];
      return /** @type {[Figure, string, string]} */ ([which, short || capital(which), short ? short + " (the " + which + " node)" : ""]);
    });
    return /** @type {[Figure, string, string][]} */ ([["diagram", "Network", ""]]).concat(nodes, [["pieces", "Sum", ""], ["output", "Output", ""]]);
  }
  /* The chart a control moves most directly, shown in the narrow layout while it is in use:
     a node's weight and bias bend its activation; the output weights and the final bias scale
     and shift the lines that add up; gradient descent fits the output to the data. The
     dosage moves every chart: it leaves the one shown. */
  /** @param {string} key a parameter, "descent" or "dosage" @returns {Figure | null} */
  function home(key) {
    if (key === "descent") { return "output"; }
    if (key === "final_bias") { return "pieces"; }
    var p = key.split(".");
    if (p.length !== 2) { return null; }
    return p[1] === "output_weight" ? "pieces" : p[0];
  }

  // A parameter's value by its name ("final_bias", "top.weight", "second.bias"): the nodes by
  // their names (nodeNames), so the names are those of the model and of `relu-anim trace`.
  /** @param {Network} net @param {string} name @returns {HiddenNode | Network} the table that holds it */
  function holder(net, name) {
    var p = name.split(".");
    return p.length === 1 ? net : net.hidden[nodeNames(net.hidden.length).indexOf(p[0])];
  }
  /** @param {Network} net @param {string} name @returns {number} */
  function get(net, name) { return /** @type {Record<string, any>} */ (holder(net, name))[name.split(".").pop() || ""]; }
  /** @param {Network} net @param {string} name @param {number} value */
  function put(net, name, value) { /** @type {Record<string, any>} */ (holder(net, name))[name.split(".").pop() || ""] = value; }
  /** @param {Network} net @returns {Network & {top: HiddenNode, bottom: HiddenNode}} */
  function withEnds(net) {
    var ends = { top: 0, bottom: net.hidden.length - 1 };
    Object.keys(ends).forEach(function (end) {
      Object.defineProperty(net, end, { enumerable: false, get: function () { return net.hidden[/** @type {Record<string, number>} */ (ends)[end]]; } });
    });
    return /** @type {Network & {top: HiddenNode, bottom: HiddenNode}} */ (net);
  }
  /** @template T @param {T} value @returns {T} */
  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  /* A slider's range for a parameter: around 0, wide enough for twice the file's value. */
  /** @param {number} value */
  function sliderRange(value) {
    var span = Math.max(5, 2 * Math.abs(value));
    var step = Math.pow(10, Math.floor(Math.log10(span / 500)));
    span = Math.ceil(span / (step * 10)) * step * 10;
    return { min: -span, max: span, step: step };
  }

  var ids = 0;

  // == the element =======================================================================

  /** A slider and a number field for one value. @typedef {{slider: HTMLInputElement, field: HTMLInputElement, key: string, label: string}} NumberRow */

  class ReluExplorer extends HTMLElement {
    static get observedAttributes() { return ["src", "theme"]; }

    // The parts _build() makes (once connected), and what the element keeps between events.
    /** @type {boolean | undefined} */ _built;
    /** @type {Record<string, {figure: HTMLElement, svg: SVGSVGElement}>} */ _figures;
    /** @type {HTMLElement} the figures (and the tabs) */ _figureBox;
    /** @type {HTMLElement} the nodes' groups of controls */ _nodeBox;
    /** @type {HTMLButtonElement} */ _addButton;
    /** @type {HTMLTableElement} */ _readout;
    /** @type {number} the hidden nodes the parts are built for */ _nodeCount = 0;
    /** @type {HTMLElement} the narrow layout's tabs (shown by the style only there) */ _tabs;
    /** @type {Record<string, HTMLButtonElement>} */ _tabButtons;
    /** @type {Figure} the chart the narrow layout shows */ _shown = "diagram";
    /** @type {NumberRow} */ _dosageRow;
    /** @type {Record<string, NumberRow>} */ _rows;
    /** @type {Record<string, HTMLTableCellElement>} */ _cells;
    /** @type {HTMLSelectElement} */ _hidden;
    /** @type {HTMLSelectElement} */ _outputChoice;
    /** @type {HTMLSelectElement} */ _slopeChoice;
    /** @type {HTMLButtonElement} */ _runButton;
    /** @type {HTMLParagraphElement} */ _problemLine;
    /** @type {HTMLParagraphElement} */ _descentLine;
    /** @type {HTMLParagraphElement} */ _message;
    /** @type {HTMLParagraphElement} */ _live;
    /** @type {() => void} */ _onHash;
    /** @type {MediaQueryList | undefined} */ _scheme;
    /** @type {() => void} */ _onScheme;
    /** @type {((steps: Step[] | null) => void) | null | undefined} a run's promise, while it runs */ _running;
    /** @type {Step | null | undefined} */ _lastStep;
    /** @type {Record<string, {min: number, max: number, step: number}> | undefined} */ _ranges;
    /** @type {number} the drawing's animation frame (0: none; requestAnimationFrame's are 1 and up) */ _frame = 0;
    /** @type {number | undefined} */ _liveTimer;

    constructor() {
      super();
      this._id = "rx" + (++ids);
      /** @type {Network | null} */
      this._net = null;       // the network shown (the JSON form, checked)
      /** @type {Network | null} */
      this._original = null;  // the file's values, for Reset (set with _net)
      this._dosage = 0.5;
      this._atZero = 0;
      /** @type {number | null} */
      this._timer = null;
      /** @type {string | null} */
      this._focus = null;
      this._root = this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
      if (this._built) { return; }
      if (document.readyState === "loading") {  // defined in <head>: the network inside is not parsed yet
        document.addEventListener("DOMContentLoaded", this.connectedCallback.bind(this), { once: true });
        return;
      }
      this._built = true;
      this._applyTheme();
      this._build();
      var inline = this.querySelector('script[type="application/json"]'), src = this.getAttribute("src");
      if (this._net) {
        this._render();
      } else if (inline) {
        var script = inline;
        this._load(function () { return JSON.parse(script.textContent || ""); }, "the network in the page");
      } else if (src) {
        this._fetch(src);
      } else {
        this._problem("no network: give the element a src=\"network.json\" or a <script type=\"application/json\"> inside it");
      }
      this._onHash = this._readFragment.bind(this);
      window.addEventListener("hashchange", this._onHash);
      if (window.matchMedia) {
        this._scheme = window.matchMedia("(prefers-color-scheme: dark)");
        this._onScheme = this._applyTheme.bind(this);
        this._scheme.addEventListener("change", this._onScheme);
      }
    }

    disconnectedCallback() {
      this.stop();
      window.removeEventListener("hashchange", this._onHash);
      if (this._scheme) { this._scheme.removeEventListener("change", this._onScheme); }
    }

    /** @param {string} name @param {string | null} old @param {string | null} value */
    attributeChangedCallback(name, old, value) {
      if (!this._built || old === value) { return; }
      if (name === "theme") { this._applyTheme(); }
      if (name === "src" && value) { this._fetch(value); }
    }

    // -- the API -------------------------------------------------------------------------

    /* A copy in the list form; like the model's Network, it also answers .top and .bottom
       (the first node and the last), which JSON leaves out. */
    get network() { return this._net ? withEnds(copy(this._net)) : null; }
    /** @param {unknown} json a network's JSON form */
    set network(json) {
      var net = checkNetwork(json);  // throws ExplorerError: one line
      this._net = net;
      this._original = copy(net);
      this._clearProblem();
      this._changed({ fragment: false });
    }

    get dosage() { return this._dosage; }
    /** @param {unknown} value */
    set dosage(value) {
      if (typeof value !== "number" || !(value >= 0 && value <= 1)) { throw new RangeError("dosage must be a number from 0 to 1, got " + value); }
      this._dosage = value;
      this._changed({});
    }

    /* Rows shaped like `relu-anim trace --json`, one per dosage. */
    /** @param {ArrayLike<unknown>} dosages @returns {Row[]} */
    trace(dosages) {
      var net = this._need();
      return /** @type {Row[]} */ (Array.prototype.map.call(dosages, function (/** @type {unknown} */ d) {
        if (typeof d !== "number" || !isFinite(d)) { throw new RangeError("dosage must be a finite number, got " + d); }
        return traceRow(forward(net, d));
      }));
    }

    /* {ssr, gradient: {final_bias, top.weight, ...}} over the data; atZero: ReLU's slope at its bend. */
    /** @param {number} [atZero] @returns {Fit} */
    gradient(atZero) { return ssrAndGradient(this._need(), this._need().data, atZero === undefined ? this._atZero : atZero); }

    /* One gradient-descent step on the final bias (the derivative stage's): the step taken. */
    step() {
      var net = this._need(), rate = descentRate(net.data);
      var result = ssrAndGradient(net, net.data, this._atZero), slopeNow = result.gradient.final_bias;
      var taken = { value: net.final_bias, ssr: result.ssr, slope: slopeNow, step_size: slopeNow * rate };
      net.final_bias = net.final_bias - taken.step_size;
      this._lastStep = taken;
      this._changed({ descent: true });
      return taken;
    }

    /* Steps until one is under 0.001 (or 1000 steps); animated unless `instantly`. Resolves to the steps. */
    /** @param {boolean} [instantly] @returns {Promise<Step[] | null>} null if stopped */
    run(instantly) {
      var self = this;
      /** @type {Step[]} */
      var steps = [];
      this.stop();
      return new Promise(function (done) {
        function more() {
          var s = self.step();
          steps.push(s);
          if (Math.abs(s.step_size) < MIN_STEP || steps.length >= MAX_STEPS) { self._finishRun(steps, done); return; }
          if (instantly) { more(); } else { self._timer = setTimeout(more, 60); }
        }
        self._running = done;
        self._setRunLabel(true);
        more();
      });
    }

    stop() {
      if (this._timer) { clearTimeout(this._timer); this._timer = null; }
      if (this._running) { var done = this._running; this._running = null; this._setRunLabel(false); done(null); }
    }

    reset() {
      this.stop();
      if (!this._original) { return; }
      this._net = copy(this._original);
      this._lastStep = null;
      this._changed({});
    }

    /* Replace the data points with a CSV's (as `relu-anim fit` reads it). Returns null, or
       the one-line problem (also shown in the page; nothing else changes). */
    /** @param {unknown} text @param {string} [fileName] @returns {string | null} */
    loadCsv(text, fileName) {
      var name = fileName || "data.csv";
      try {
        var read = readCsv(String(text), name), net = this._need();
        net.data = read.data;
        net.input.name = read.names[0] || net.input.name;
        net.output.name = read.names[1] || net.output.name;
        this._changed({});
        this._say(name + ": " + read.data.dosage.length + " data points loaded", false);
        return null;
      } catch (error) {
        if (!(error instanceof ExplorerError)) { throw error; }
        this._say(error.message, true);
        return error.message;
      }
    }

    /* Open on a moment: {focus: "sum", dosage: 0.5}; focus is a figure or "sum", "descent". */
    /** @param {Moment} [moment] */
    show(moment) {
      moment = moment || {};
      if (typeof moment.dosage === "number") { this._dosage = Math.min(1, Math.max(0, moment.dosage)); }
      var figure = moment.focus && this._net ? focusFigure(moment.focus, this._net.hidden.length) : null;
      this._focus = figure ? /** @type {string} */ (moment.focus) : null;
      if (figure) { this._showChart(figure); }
      this._changed({ fragment: false });
    }

    /* A hidden node more, at the bottom (up to 8): its bend in the middle of the widest
       stretch of dosages with none, and an output weight of 0, so the output is unchanged
       until its output weight is given. Returns the new node's name, or null at 8. */
    addNode() {
      var net = this._need();
      if (net.hidden.length >= MAX_HIDDEN) { return null; }
      this.stop();
      /** @type {number[]} */
      var bends = [];
      net.hidden.forEach(function (node) { var b = bend(node); if (b !== null && b > 0 && b < 1) { bends.push(b); } });
      var where = widestGap(bends);
      net.hidden.push({ weight: 1, bias: -where, output_weight: 0 });
      this._changed({});
      var name = nodeNames(net.hidden.length)[net.hidden.length - 1];
      this._say("Added the " + name + " node (" + net.hidden.length + " nodes); its output weight is 0, so the output is unchanged", false);
      return name;
    }

    /* Remove hidden node `index` (0: the top one), keeping one at least. The others keep
       their numbers; their names follow their new places. Returns whether it was removed. */
    /** @param {number} index */
    removeNode(index) {
      var net = this._need(), n = net.hidden.length;
      if (n <= 1 || !(index >= 0 && index < n) || index !== Math.floor(index)) { return false; }
      this.stop();
      var name = nodeNames(n)[index];
      net.hidden.splice(index, 1);
      this._changed({});
      this._say("Removed the " + name + " node (" + net.hidden.length + (net.hidden.length === 1 ? " node" : " nodes") + " left)", false);
      return true;
    }

    /* The network file (TOML) that "Download network file" saves. A network changed
       here is saved as "<name>-explored": a changed copy of a built-in network under the
       built-in's name would be refused by relu-anim (the name picks the output folder). */
    toml() {
      var net = copy(this._need());
      net.name = this._savedName();
      return toToml(net);
    }

    _savedName() {
      var shown = this._need(), net = copy(shown), original = copy(/** @type {Network} */ (this._original));
      net.name = original.name = "";
      var name = shown.name, suffix = "-explored";
      var changed = JSON.stringify(net) !== JSON.stringify(original);
      return changed && name.slice(-suffix.length) !== suffix ? (name + suffix).slice(0, LONGEST_NAME) : name;
    }

    // -- building the parts ---------------------------------------------------------------

    _need() { if (!this._net) { throw new ExplorerError("no network loaded yet"); } return this._net; }

    _applyTheme() {
      var theme = this.getAttribute("theme") || "auto";
      if (theme === "auto") { theme = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"; }
      this.dataset.theme = theme === "dark" ? "dark" : "light";
    }

    _build() {
      var root = this._root, self = this;
      html("style", {}, root, STYLE);
      var box = html("div", { class: "explorer", part: "explorer" }, root);
      this._problemLine = html("p", { class: "problem", role: "alert", hidden: "" }, box);
      var figures = this._figureBox = html("div", { class: "figures" }, box);
      this._tabs = html("div", { class: "tabs", role: "group", "aria-label": "Chart shown" }, figures);
      this._figures = {};
      [["diagram", "The network: every weight and bias (the final bias beside the sum), and the dosage travelling through it"],
       ["pieces", ""],  // its caption names the nodes' colours: _buildNodes
       ["output", "The output after the final activation, with the data points and their residuals"]].forEach(function (f) {
        self._figure(f[0], f[1]);
      });
      this._watchSize(box, figures);

      var controls = html("form", { class: "controls", "aria-label": "Explorer controls" }, box);
      controls.addEventListener("submit", function (e) { e.preventDefault(); });
      var inputs = html("fieldset", {}, controls);
      html("legend", {}, inputs, "Input");
      this._dosageRow = this._numberRow(inputs, "dosage", "Dosage", { min: 0, max: 1, step: 0.01 }, function (v) {
        if (v >= 0 && v <= 1) { self._dosage = v; self._changed({ travel: true }); return true; }
        return false;
      });
      var params = html("fieldset", { class: "parameters" }, controls);
      html("legend", {}, params, "Weights and biases");
      this._nodeBox = html("div", { class: "nodes" }, params);
      this._rows = {};
      this._rows.final_bias = this._parameterRow(params, "final_bias");
      var tools = html("div", { class: "buttons node-tools" }, params);
      this._addButton = html("button", { type: "button", class: "add" }, tools, "Add a node");
      this._addButton.addEventListener("click", function () {
        var name = self.addNode();
        var added = name && self._rows[name + ".weight"];
        if (added) { added.slider.focus(); }
      });
      var acts = html("fieldset", {}, controls);
      html("legend", {}, acts, "Activations");
      this._hidden = this._choice(acts, "hidden", "Hidden nodes", [["relu", "ReLU"], ["softplus", "softplus"], ["sigmoid", "sigmoid"]], function (v) { self._need().hidden_activation = v; });
      this._outputChoice = this._choice(acts, "output", "Before the output", [["relu", "ReLU"], ["none", "none"]], function (v) { self._need().output_activation = v; });

      var descent = html("fieldset", { class: "descent" }, controls);
      descent.addEventListener("focusin", function () { self._showChart(/** @type {Figure} */ (home("descent"))); });
      html("legend", {}, descent, "Gradient descent on the final bias");
      this._slopeChoice = this._choice(descent, "at-zero", "ReLU's slope at its bend", [["0", "0"], ["1", "1"]], function (v) { self._atZero = Number(v); });
      var buttons = html("div", { class: "buttons" }, descent);
      var stepButton = html("button", { type: "button", class: "step" }, buttons, "Step");
      this._runButton = html("button", { type: "button", class: "run" }, buttons, "Run");
      var resetButton = html("button", { type: "button", class: "reset" }, buttons, "Reset to the file's values");
      stepButton.addEventListener("click", function () { self.stop(); self.step(); });
      this._runButton.addEventListener("click", function () { if (self._running) { self.stop(); } else { self.run(); } });
      resetButton.addEventListener("click", function () { self.reset(); });
      this._descentLine = html("p", { class: "descent-line" }, descent);

      var files = html("fieldset", { class: "files" }, controls);
      html("legend", {}, files, "Files");
      var fileButtons = html("div", { class: "buttons" }, files);
      var download = html("button", { type: "button", class: "download" }, fileButtons, "Download network file");
      download.addEventListener("click", function () { self._download(); });
      var picker = html("label", { class: "file" }, fileButtons, "Load data (CSV)");
      var fileInput = html("input", { type: "file", accept: ".csv,text/csv,text/plain", class: "csv" }, picker);
      fileInput.addEventListener("change", function () {
        var file = fileInput.files && fileInput.files[0];
        if (!file) { return; }
        var name = file.name;
        file.text().then(function (text) { self.loadCsv(text, name); fileInput.value = ""; });
      });
      this._message = html("p", { class: "message", role: "status" }, files);

      var values = html("fieldset", { class: "values" }, controls);
      html("legend", {}, values, "Values at this dosage");
      this._readout = html("table", { class: "readout" }, values);
      this._live = html("p", { class: "live", "aria-live": "polite", "aria-atomic": "true" }, values);
      this._buildNodes(2);
    }

    /* The parts there are one of per hidden node, made again when the count changes: each
       node's activation chart and tab, its three rows of controls (with its Remove button),
       its rows in the values table; the sum's legend and caption name them. */
    /** @param {number} n */
    _buildNodes(n) {
      var self = this, names = nodeNames(n);
      this._nodeCount = n;
      Object.keys(this._figures).forEach(function (f) {
        if (["diagram", "pieces", "output"].indexOf(f) < 0) { self._figures[f].figure.remove(); delete self._figures[f]; }
      });
      names.forEach(function (which) { self._figure(which, "The " + which + " node's activation, and where the dosage lands on it"); });
      var pieces = this._figures.pieces.figure;
      pieces.querySelectorAll(".legend, figcaption").forEach(function (e) { e.remove(); });
      this._legend(pieces, "pieces");
      html("figcaption", { id: this._id + "-pieces-cap" }, pieces, n === 2
        ? "The scaled blue and orange lines and their green sum (dashed), before and after the final bias"
        : (n === 1 ? "The node's output times its output weight" : "Each node's output times its output weight, in the node's colour,") +
          " and the green sum (dashed), before and after the final bias");

      this._tabs.replaceChildren();
      this._tabButtons = {};
      tabs(n).forEach(function (t) {
        /** @type {Record<string, string>} */
        var attrs = { type: "button", "aria-pressed": "false", "data-chart": t[0] };
        if (t[2]) { attrs["aria-label"] = t[2]; }
        var button = html("button", attrs, self._tabs, t[1]);
        button.addEventListener("click", function () { self._showChart(t[0]); });
        self._tabButtons[t[0]] = button;
      });
      this._tabs.classList.toggle("many", n > 2);  // more tabs than the lesson's five: as wide as their names
      if (!this._figures[this._shown]) { this._shown = "diagram"; }
      this._showChart(this._shown);

      Object.keys(this._rows).forEach(function (key) { if (key !== "final_bias") { delete self._rows[key]; } });
      this._nodeBox.replaceChildren();
      names.forEach(function (which, k) {
        var group = html("div", { class: "node-group", role: "group", "aria-labelledby": self._id + "-" + which + "-head" }, self._nodeBox);
        var head = html("div", { class: "node-head node-tools" }, group);
        html("span", { class: "swatch " + nodeClass(k, n), "aria-hidden": "true" }, head);
        html("span", { id: self._id + "-" + which + "-head" }, head, capital(which) + " node");
        var remove = html("button", { type: "button", class: "remove", "data-node": which, "aria-label": "Remove the " + which + " node" }, head, "Remove");
        remove.disabled = n <= 1;
        remove.addEventListener("click", function () { if (self.removeNode(k)) { self._addButton.focus(); } });
        FIELDS.forEach(function (field) { self._rows[which + "." + field] = self._parameterRow(group, which + "." + field); });
      });
      this._addButton.disabled = n >= MAX_HIDDEN;
      this._addButton.title = n >= MAX_HIDDEN ? "A network has at most " + MAX_HIDDEN + " hidden nodes" : "";

      var readout = this._readout;
      readout.replaceChildren();
      html("caption", { class: "sr-only", style: "position:absolute;left:-9999px" }, readout, "Every value the network computes at this dosage");
      this._cells = {};
      /** @type {[string, string][]} */
      var rows = [];
      names.forEach(function (which) {
        rows.push([which + ".x", which + " node x"], [which + ".y", which + " node y"], [which + ".scaled", which + " × output weight"]);
      });
      rows.push(["sum", "sum"], ["biased", "sum + final bias"], ["output", "output"], ["ssr", "SSR (the data)"]);
      rows.forEach(function (r) {
        var tr = html("tr", { "data-row": r[0] }, readout);
        html("th", { scope: "row" }, tr, r[1]);
        self._cells[r[0]] = html("td", { "data-q": r[0] }, tr);
      });
    }

    /** A figure and its svg, in the figures' box (a node's after the others). @param {Figure} which @param {string} caption */
    _figure(which, caption) {
      var id = this._id + "-" + which + "-cap";
      var figure = html("figure", { class: which }, this._figureBox);
      var svg = node("svg", { role: "img", "aria-labelledby": id, class: "figure-svg" }, figure);
      if (which === "output") { this._legend(figure, which); }
      if (caption) { html("figcaption", { id: id }, figure, caption); }
      this._figures[which] = { figure: figure, svg: svg };
    }

    /** A parameter's slider and field. @param {HTMLElement} parent @param {string} name @returns {NumberRow} */
    _parameterRow(parent, name) {
      var self = this;
      return this._numberRow(parent, name, paramLabel(name), { min: -5, max: 5, step: 0.01 }, function (v) {
        if (!(Math.abs(v) <= LARGEST)) { return false; }
        put(self._need(), name, v);
        self._changed({ travel: true });
        return true;
      });
    }

    /** @param {HTMLElement} figure @param {string} which */
    _legend(figure, which) {
      var n = this._nodeCount || 2, long = n <= 2;
      var items = which === "pieces"
        ? nodeNames(n).map(function (name, k) { return [nodeClass(k, n), long ? name + " × output weight" : name]; })
          .concat([["sum", "sum"], ["biased", "sum + final bias"]])
        : [["output", "output"], ["data", "data"]];
      var list = html("ul", { class: "legend", "aria-hidden": "true" }, figure);
      items.forEach(function (item) { var li = html("li", {}, list); html("span", { class: item[0] }, li); li.appendChild(document.createTextNode(item[1])); });
      var caption = figure.querySelector("figcaption");
      if (caption) { figure.appendChild(caption); }  // under the legend
    }

    /* A labelled slider and number field that stay in step; `set(v)` says whether v was taken. */
    /** @param {HTMLElement} parent @param {string} key @param {string} label
        @param {{min: number, max: number, step: number}} range @param {(v: number) => boolean} set @returns {NumberRow} */
    _numberRow(parent, key, label, range, set) {
      var id = this._id + "-" + key.replace(".", "-"), self = this;
      var row = html("div", { class: "row" }, parent);
      var chart = home(key);
      if (chart) { row.addEventListener("focusin", function () { if (chart) { self._showChart(chart); } }); }
      html("label", { for: id + "-range" }, row, label);
      var slider = html("input", { type: "range", id: id + "-range", "data-key": key, min: range.min, max: range.max, step: range.step }, row);
      var field = html("input", { type: "number", id: id + "-number", "data-key": key, step: "any", "aria-label": label + " (number)" }, row);
      slider.addEventListener("input", function () { self.stop(); set(Number(slider.value)); field.value = slider.value; });
      field.addEventListener("change", function () {
        var value = field.value === "" ? NaN : Number(field.value);
        self.stop();
        if (!isFinite(value) || !set(value)) {
          self._say(label + ": " + (field.value || "that") + " is not allowed here", true);
          self._sync();
        }
      });
      return { slider: slider, field: field, key: key, label: label };
    }

    /** @param {HTMLElement} parent @param {string} key @param {string} label
        @param {[string, string][]} options [value, text] @param {(v: string) => void} set */
    _choice(parent, key, label, options, set) {
      var id = this._id + "-" + key, self = this;
      var row = html("div", { class: "row choice" }, parent);
      html("label", { for: id }, row, label);
      var select = html("select", { id: id, "data-key": key }, row);
      options.forEach(function (o) { html("option", { value: o[0] }, select, o[1]); });
      select.addEventListener("change", function () { self.stop(); set(select.value); self._changed({}); });
      return select;
    }

    /* The narrow layout's one chart (the others are there, drawn, for the wider layouts). */
    /** @param {Figure} which */
    _showChart(which) {
      var self = this;
      this._shown = which;
      Object.keys(this._figures).forEach(function (f) { self._figures[f].figure.toggleAttribute("data-shown", f === which); });
      Object.keys(this._tabButtons).forEach(function (f) { self._tabButtons[f].setAttribute("aria-pressed", String(f === which)); });
    }

    /* Whether the narrow layout is on: the style decides (its container query shows the tabs). */
    _narrow() { return getComputedStyle(this._tabs).display !== "none"; }

    /** @returns {Frame} */
    _chartFrame() {
      if (this._narrow()) { return narrowFrame(this._tabs.clientWidth); }
      // compact (beside a presenter-mode stage): two charts abreast in half a window, drawn
      // in WIDE's frame their text was 4.8 px at 1280x720 and 8.8 px at 1920x1080: a frame
      // that fits a chart's own pixels, as on a phone
      return this.hasAttribute("compact") ? narrowFrame(this._figures.output.svg.clientWidth) : WIDE;
    }

    /* As the element's width changes: charts redrawn in the frame that fits it, and the
       controls told the panel's height (they scroll into view below it, not under it). */
    /** @param {HTMLElement} box @param {HTMLElement} figures */
    _watchSize(box, figures) {
      if (!window.ResizeObserver) { return; }
      var self = this, drawn = "";
      new ResizeObserver(function () {
        box.style.setProperty("--panel", figures.offsetHeight + "px");
        var frame = JSON.stringify(self._chartFrame());
        if (frame !== drawn && self._net) { drawn = frame; self._render(); }
      }).observe(figures);
    }

    /** @param {string} src */
    _fetch(src) {
      var self = this;
      fetch(src).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (json) {
        self._load(function () { return json; }, src);
      }).catch(function (error) {
        var disk = location.protocol === "file:" ? " (a page opened from disk cannot read other files: put the network inside the element as <script type=\"application/json\">)" : "";
        self._problem("cannot load " + src + ": " + (error.message || error) + disk);
      });
    }

    /** @param {() => unknown} read @param {string} what */
    _load(read, what) {
      var json;
      try { json = read(); } catch (error) { this._problem(what + ": not valid JSON: " + /** @type {Error} */ (error).message); return; }
      try { this.network = json; } catch (error) {
        if (!(error instanceof ExplorerError)) { throw error; }
        this._problem(what + ": " + error.message);
        return;
      }
      this._readFragment();
    }

    /** @param {string} text */
    _problem(text) { this._problemLine.textContent = text; this._problemLine.hidden = false; }
    _clearProblem() { this._problemLine.hidden = true; this._problemLine.textContent = ""; }

    /** @param {string} text @param {boolean} [isError] */
    _say(text, isError) {
      this._message.textContent = text;
      this._message.classList.toggle("error", !!isError);
    }

    /** @param {boolean} running */
    _setRunLabel(running) { if (this._runButton) { this._runButton.textContent = running ? "Stop" : "Run"; } }

    /** @param {Step[]} steps @param {(steps: Step[]) => void} done */
    _finishRun(steps, done) {
      this._timer = null;
      this._running = null;
      this._setRunLabel(false);
      var last = steps[steps.length - 1];
      var stopped = Math.abs(last.step_size) < MIN_STEP ? "stopped: the step became tiny" : "stopped at the step limit";
      this._descentLine.textContent = steps.length + " steps, final bias " + fmt(this._need().final_bias) + " (" + stopped + ")";
      done(steps);
    }

    _download() {
      var blob = new Blob([this.toml()], { type: "application/toml" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = this._savedName() + ".toml";
      this._root.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    // -- the URL fragment: #dosage=0.5&final_bias=-10&... ----------------------------------

    _fragmentOn() { return this.getAttribute("fragment") !== "off"; }

    _writeFragment() {
      if (!this._fragmentOn() || !this._net) { return; }
      var net = this._net, parts = ["dosage=" + this._dosage];
      // the count of nodes, where it is not the file's: the parameters' names depend on it
      if (this._original && net.hidden.length !== this._original.hidden.length) { parts.push("nodes=" + net.hidden.length); }
      parameters(net).forEach(function (name) { parts.push(name + "=" + get(net, name)); });
      parts.push("hidden_activation=" + net.hidden_activation, "output_activation=" + net.output_activation, "at_zero=" + this._atZero);
      var hash = "#" + parts.join("&");
      if (location.hash !== hash) { history.replaceState(history.state, "", hash); }
    }

    _readFragment() {
      if (!this._fragmentOn() || !this._net) { return; }
      var hash = location.hash.replace(/^#/, "");
      if (hash.indexOf("=") < 0) { return; }  // an ordinary anchor (#stages): not ours
      var net = copy(this._net), dosage = this._dosage, atZero = this._atZero;
      /** @type {string[]} */
      var bad = [];
      var pairs = hash.split("&").map(function (pair) {
        var i = pair.indexOf("=");
        return [decodeURIComponent(pair.slice(0, i)), decodeURIComponent(pair.slice(i + 1))];
      });
      pairs.forEach(function (pair) {  // first the count: the parameters' names follow it
        var count = Number(pair[1]);
        if (pair[0] !== "nodes") { return; }
        if (!(count >= 1 && count <= MAX_HIDDEN && count === Math.floor(count))) { bad.push("nodes"); return; }
        while (net.hidden.length < count) { net.hidden.push({ weight: 1, bias: -0.5, output_weight: 0 }); }
        net.hidden.length = count;
      });
      var known = parameters(net);
      pairs.forEach(function (pair) {
        var key = pair[0], text = pair[1], value = Number(text);
        if (known.indexOf(key) >= 0) {
          if (text !== "" && isFinite(value) && Math.abs(value) <= LARGEST) { put(net, key, value); } else { bad.push(key); }
        } else if (key === "dosage") {
          if (text !== "" && value >= 0 && value <= 1) { dosage = value; } else { bad.push(key); }
        } else if (key === "hidden_activation" || key === "output_activation") {
          if ((key === "hidden_activation" ? HIDDEN : OUTPUT).indexOf(text) >= 0) { net[key] = text; } else { bad.push(key); }
        } else if (key === "at_zero") {
          if (text === "0" || text === "1") { atZero = Number(text); } else { bad.push(key); }
        }
      });
      this._net = net;
      this._dosage = dosage;
      this._atZero = atZero;
      this._changed({ fragment: false });
      if (bad.length) { this._say("The link's " + bad.join(", ") + " could not be used; the file's values are shown instead", true); }
    }

    // -- after every change: controls, figures, numbers ------------------------------------

    /** @param {{travel?: boolean, fragment?: boolean, descent?: boolean}} how */
    _changed(how) {
      if (!this._net || !this._built) { return; }
      if (this._net.hidden.length !== this._nodeCount) { this._buildNodes(this._net.hidden.length); }
      this._sync();
      this._render(how.travel);
      if (how.fragment !== false) { this._writeFragment(); }
      this.dispatchEvent(new CustomEvent("change", { detail: { network: this.network, dosage: this._dosage } }));
    }

    _sync() {
      var net = this._need(), self = this;
      /** @param {NumberRow} row @param {number} value */
      function set(row, value) {
        if (row.slider !== self._root.activeElement) {
          var range = row.key === "dosage" ? { min: 0, max: 1, step: 0.01 } : self._range(row.key, value);
          row.slider.min = String(range.min); row.slider.max = String(range.max); row.slider.step = String(range.step);
          row.slider.value = String(value);
        }
        row.slider.setAttribute("aria-valuetext", fmt(value, row.key === "dosage" ? 2 : 3));
        if (row.field !== self._root.activeElement) { row.field.value = String(value); }
      }
      set(this._dosageRow, this._dosage);
      Object.keys(this._rows).forEach(function (name) { set(self._rows[name], get(net, name)); });
      this._hidden.value = net.hidden_activation;
      this._outputChoice.value = net.output_activation;
      this._slopeChoice.value = String(this._atZero);
    }

    /* Sliders keep their range while a value stays inside it; a value beyond widens it. */
    /** @param {string} name @param {number} value */
    _range(name, value) {
      this._ranges = this._ranges || {};
      var original = /** @type {Network} */ (this._original), known = parameters(original).indexOf(name) >= 0;
      var base = sliderRange(known ? get(original, name) : value), range = this._ranges[name] || base;
      if (value < range.min || value > range.max) { range = sliderRange(value); }
      this._ranges[name] = range;
      return range;
    }

    /** @param {boolean} [travel] the dosage travels through the diagram */
    _render(travel) {
      var net = this._need(), d = this._dosage, now = forward(net, d), samples = sampleDosages(net, 201), self = this;
      var rows = samples.map(function (x) { return forward(net, x); });
      var fit = ssrAndGradient(net, net.data, this._atZero);
      this._drawDiagram(now, travel);
      net.hidden.forEach(function (n, k) { self._drawActivation(k, now); });
      this._drawPieces(samples, rows, now);
      this._drawOutput(samples, rows, now, fit);
      this._showValues(now, fit);
      var focus = this._focus ? focusFigure(this._focus, net.hidden.length) : null;
      Object.keys(this._figures).forEach(function (f) { self._figures[f].figure.classList.toggle("focused", f === focus); });
      this._figures.pieces.svg.classList.toggle("focus-sum", this._focus === "sum");
      Object.keys(this._cells).forEach(function (q) {
        var on = (self._focus === "sum" && (q === "sum" || q === "biased")) || (self._focus === "descent" && q === "ssr") ||
                 (self._focus === "output" && q === "output");
        /** @type {HTMLElement} its row */ (self._cells[q].parentNode).classList.toggle("focused", on);
      });
    }

    /** @param {Pass} now @param {Fit} fit */
    _showValues(now, fit) {
      var cells = this._cells, names = nodeNames(now.nodes.length);
      /** @param {string} q @param {number} value */
      function show(q, value) { cells[q].textContent = fmt(value); cells[q].dataset.exact = String(value); }
      now.nodes.forEach(function (pass, k) {
        /** @type {(keyof NodeValues)[]} */ (["x", "y", "scaled"]).forEach(function (q) { show(names[k] + "." + q, pass[q]); });
      });
      show("sum", now.sum); show("biased", now.biased); show("output", now.output); show("ssr", fit.ssr);
      var text = "Dosage " + fmt(now.dosage) + ": " + now.nodes.map(function (pass, k) {
        return names[k] + " node " + fmt(pass.x) + " becomes " + fmt(pass.y) + ", times the output weight " + fmt(pass.scaled);
      }).join("; ") + "; sum " + fmt(now.sum) + ", plus the final bias " + fmt(now.biased) + "; output " + fmt(now.output) +
        ". SSR " + fmt(fit.ssr) + ".";
      var live = this._live;
      clearTimeout(this._liveTimer);
      this._liveTimer = setTimeout(function () { live.textContent = text; }, 250);  // not every slider tick
      if (this._lastStep) {
        var s = this._lastStep;
        this._descentLine.textContent = "Last step: slope " + fmt(s.slope) + ", step size " + fmt(s.step_size, 3) + ", final bias now " + fmt(this._need().final_bias);
      }
    }

    /* The diagram: the input, the hidden nodes (top first), the sum and the output. The
       lesson's two nodes as ever (straight edges, each bias outside its node, the weights
       beside their edges). Any other count: a column of nodes under the activation's name,
       each node's bias inside it; the edges branch from a trunk at the input and join one at
       the sum, so each node's edges are a row, its weights on them, clear of every other. */
    /** @param {Pass} now @param {boolean} [travel] */
    _drawDiagram(now, travel) {
      var net = this._need(), svg = this._figures.diagram.svg, self = this, count = net.hidden.length, two = count === 2;
      svg.replaceChildren();
      // narrow: taller, the nodes further apart, for labels large enough to read on a phone
      var tall = this._narrow(), apart = two ? (tall ? 100 : 65) : (tall ? 30 : 26), BUS = [88, 390];
      var middle = two ? (tall ? 160 : 120) : Math.max(tall ? 110 : 90, (count - 1) * apart + (tall ? 80 : 70));
      svg.setAttribute("viewBox", "0 0 560 " + 2 * middle);
      svg.style.setProperty("--tall", String(middle / 120));  // the diagram's height grows with its nodes
      svg.classList.toggle("many", !two);
      node("title", {}, svg, "The network diagram");
      /** @type {Record<string, [number, number]>} where each part sits */
      var P = { input: [55, middle], sum: [two ? 400 : 430, middle], out: [two ? 505 : 515, middle] };
      var column = two ? 235 : 240, half = 56;  // the nodes' x; half the width of a node (not the lesson's two)
      /** @type {[number, number][]} */
      var at = net.hidden.map(function (n, k) { return /** @type {[number, number]} */ ([column, middle + (2 * k - count + 1) * apart]); });
      /** @param {[number, number]} a @param {[number, number]} b @param {string} cls */
      function link(a, b, cls) { node("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: "link " + cls }, svg); }
      /* Each node's way from the input to the sum: straight for the lesson's two, else along
         the trunks (BUS: their x) and the node's own row. */
      var paths = at.map(function (p) {
        return two ? [P.input, p, P.sum] : [P.input, [BUS[0], middle], [BUS[0], p[1]], p, [BUS[1], p[1]], [BUS[1], middle], P.sum];
      });
      if (two) {
        at.forEach(function (p, k) { link(P.input, p, nodeClass(k, count)); });
        at.forEach(function (p, k) { link(p, P.sum, nodeClass(k, count)); });
      } else {
        var trunk = count === 1 ? nodeClass(0, 1) : "", ends = [at[0][1], at[count - 1][1]];
        BUS.forEach(function (x) { link([x, ends[0]], [x, ends[1]], trunk); });
        link(P.input, [BUS[0], middle], trunk);
        link([BUS[1], middle], P.sum, trunk);
        at.forEach(function (p, k) { link([BUS[0], p[1]], [BUS[1], p[1]], nodeClass(k, count)); });
      }
      link(P.sum, P.out, "output");
      /** @param {number} x @param {number} y @param {string} text @param {string} [anchor] */
      function label(x, y, text, anchor) {
        var t = node("text", { x: x, y: y, "text-anchor": anchor || "middle" }, svg, text);
        return t;
      }
      /** A label just above a node's row, centred at x. @param {number} x @param {number} y @param {string} text */
      function onRow(x, y, text) { label(x, y - 6, text); }
      /** @param {number} value */
      function plus(value) { return "+ " + fmt(value).replace(MINUS, "(" + MINUS) + (fmt(value).indexOf(MINUS) >= 0 ? ")" : ""); }
      /** @type {Record<string, string>} */
      var act = { relu: "ReLU", softplus: "softplus", sigmoid: "sigmoid", none: "none" };
      node("circle", { cx: P.input[0], cy: P.input[1], r: 26, class: "unit" }, svg);
      if (two) {
        label(P.input[0], P.input[1] + 48, title(net.input));
      } else {  // left of the trunk, which runs down past the input to the lower rows
        fitText(label(BUS[0] - 6, P.input[1] + 48, title(net.input), "end"), BUS[0] - 10);
      }
      label(P.input[0], P.input[1] + 5, fmt(now.dosage));
      if (!two) { label(at[0][0], at[0][1] - (tall ? 46 : 36), act[net.hidden_activation]); }
      net.hidden.forEach(function (n, k) {
        var p = at[k], up = k === 0 ? -1 : 1;
        if (!two) {
          node("rect", { x: p[0] - half, y: p[1] - apart + 4, width: 2 * half, height: 2 * apart - 8, rx: 8, class: "unit " + nodeClass(k, count) }, svg);
          label(p[0], p[1], plus(n.bias)).setAttribute("dominant-baseline", "central");
          onRow((BUS[0] + p[0] - half) / 2, p[1], "× " + fmt(n.weight));
          onRow((p[0] + half + BUS[1]) / 2, p[1], "× " + fmt(n.output_weight));
          return;
        }
        node("rect", { x: p[0] - 42, y: p[1] - 22, width: 84, height: 44, rx: 10, class: "unit" }, svg);
        label(p[0], p[1] + 5, act[net.hidden_activation]);
        label(p[0], p[1] + up * 36 + (up > 0 ? 8 : 0), "+ " + fmt(n.bias).replace(MINUS, "(" + MINUS) + (n.bias < 0 && fmt(n.bias) !== "0.00" ? ")" : ""));
        label((P.input[0] + p[0]) / 2 - 6, (P.input[1] + p[1]) / 2 + up * 18 + (up > 0 ? 12 : -4), "× " + fmt(n.weight));
        label((p[0] + P.sum[0]) / 2 + 6, (p[1] + P.sum[1]) / 2 + up * 18 + (up > 0 ? 12 : -4), "× " + fmt(n.output_weight));
      });
      node("circle", { cx: P.sum[0], cy: P.sum[1], r: 24, class: "unit" }, svg);
      label(P.sum[0], P.sum[1] + 6, "+");
      label(P.sum[0] + 4, P.sum[1] + 46, plus(net.final_bias));
      node("rect", { x: P.out[0] - 38, y: P.out[1] - 20, width: 76, height: 40, rx: 10, class: "unit" }, svg);
      label(P.out[0], P.out[1] + 5, act[net.output_activation]);
      label(556, P.out[1] - 30, title(net.output), "end");  // the right edge: long names stay inside
      label(P.out[0], P.out[1] + 42, fmt(now.output));
      // the dosage travelling: a dot along each path, from the input to the output
      var legs = paths.map(function (path) { return path.concat([P.out]); });
      var dots = at.map(function (p, k) { return node("circle", { r: 8, class: "traveller dot " + nodeClass(k, count) }, svg); });
      cancelAnimationFrame(this._frame);
      var still = !travel || (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
      /** @type {number | null} */
      var start = null;
      var length = 900;
      /** @param {number} t 0 to 1: how far the dots are */
      function place(t) {
        legs.forEach(function (path, k) {
          var last = path.length - 1, seg = Math.min(last - 1, Math.floor(t * last)), u = t * last - seg;
          if (t >= 1) { dots[k].setAttribute("visibility", "hidden"); return; }  // arrived: the output shows the value
          var a = path[seg], b = path[seg + 1];
          dots[k].setAttribute("cx", String(a[0] + (b[0] - a[0]) * u));
          dots[k].setAttribute("cy", String(a[1] + (b[1] - a[1]) * u));
        });
      }
      if (still) { place(1); return; }
      /** @param {number} time */
      function frame(time) {
        if (start === null) { start = time; }
        var t = Math.min(1, (time - start) / length);
        place(t);
        if (t < 1) { self._frame = requestAnimationFrame(frame); }
      }
      place(0);
      this._frame = requestAnimationFrame(frame);
    }

    /** @param {number} k the node, 0 the top one @param {Pass} now */
    _drawActivation(k, now) {
      var net = this._need(), n = net.hidden[k], count = net.hidden.length, which = nodeNames(count)[k], cls = nodeClass(k, count);
      var xs = [n.bias, n.weight + n.bias, 0];
      var xr = extent(xs, 0.1);
      var grid = [];
      for (var i = 0; i <= 200; i++) { grid.push(xr[0] + (xr[1] - xr[0]) * i / 200); }
      if (net.hidden_activation === "relu") { grid.push(0); grid.sort(function (a, b) { return a - b; }); }
      var ys = grid.map(ACTIVATE[net.hidden_activation]);
      var yr = extent(ys.concat([0]), 0.1), frame = this._chartFrame(), span01 = fmt(n.bias) + " to " + fmt(n.weight + n.bias);
      var p = plot(this._figures[which].svg, {
        id: this._id + which, x: xr, y: yr, label: "The " + which + " node's " + net.hidden_activation + " graph", frame: frame,
        title: capital(which) + " node: " + fmt(n.weight) + " × dosage + " + fmt(n.bias).replace(MINUS, "(" + MINUS) + (fmt(n.bias).indexOf(MINUS) >= 0 ? ")" : ""),
        xTitle: frame === WIDE ? "x, the node's input (dosages 0 to 1 span " + span01 + ")" : "x (dosages 0 to 1: " + span01 + ")"
      });
      p.line(grid, ys, cls + " faint").setAttribute("opacity", "0.35");
      var lo = Math.min(n.bias, n.weight + n.bias), hi = Math.max(n.bias, n.weight + n.bias);
      var span = grid.filter(function (x) { return x >= lo && x <= hi; });
      if (span.length < 2) { span = [lo, hi]; }
      p.line(span, span.map(ACTIVATE[net.hidden_activation]), cls);
      p.vline(now.nodes[k].x, "now");
      p.dot(now.nodes[k].x, now.nodes[k].y, cls, 6);
    }

    /** @param {number[]} samples @param {Pass[]} rows @param {Pass} now */
    _drawPieces(samples, rows, now) {
      var net = this._need(), count = net.hidden.length;
      var all = [0];
      rows.forEach(function (r) { r.nodes.forEach(function (pass) { all.push(pass.scaled); }); all.push(r.sum, r.biased); });
      var frame = this._chartFrame();
      var wide = count === 2 ? "Blue + orange = sum; + final bias " : (count === 1 ? "The scaled line; + final bias " : "The " + count + " scaled lines' sum; + final bias ");
      var p = plot(this._figures.pieces.svg, {
        id: this._id + "pieces", x: [0, 1], y: extent(all), xTicks: dosageTicks(net), label: "The scaled lines and their sum", frame: frame,
        title: (frame === WIDE ? wide : "Sum, + final bias ") + fmt(net.final_bias), xTitle: title(net.input)
      });
      net.hidden.forEach(function (n, k) { p.line(samples, rows.map(function (r) { return r.nodes[k].scaled; }), nodeClass(k, count)); });
      p.line(samples, rows.map(function (r) { return r.sum; }), "sum");
      p.line(samples, rows.map(function (r) { return r.biased; }), "biased");
      p.vline(now.dosage, "now");
      now.nodes.forEach(function (pass, k) { p.dot(now.dosage, pass.scaled, nodeClass(k, count)); });
      p.dot(now.dosage, now.sum, "sum");
      p.dot(now.dosage, now.biased, "biased", 4);
    }

    /** @param {number[]} samples @param {Pass[]} rows @param {Pass} now @param {Fit} fit */
    _drawOutput(samples, rows, now, fit) {
      var net = this._need(), data = net.data;
      var all = [0].concat(rows.map(function (r) { return r.output; }), data.observed);
      var p = plot(this._figures.output.svg, {
        id: this._id + "output", x: [0, 1], y: extent(all), xTicks: dosageTicks(net), label: "The output and the data", frame: this._chartFrame(),
        title: title(net.output) + ": SSR " + fmt(fit.ssr), xTitle: title(net.input)
      });
      p.line(samples, rows.map(function (r) { return r.output; }), "output");
      data.dosage.forEach(function (d, i) {
        var predicted = forward(net, d).output;
        var r = p.vline(d, "residual");
        r.setAttribute("y1", String(p.dot(d, predicted, "output", 0).getAttribute("cy")));
        r.setAttribute("y2", String(p.dot(d, data.observed[i], "data", 5).getAttribute("cy")));
      });
      p.vline(now.dosage, "now");
      p.dot(now.dosage, now.output, "output", 6);
    }
  }

  ReluExplorer.model = { forward: forward, ssrAndGradient: ssrAndGradient, checkNetwork: checkNetwork, readCsv: readCsv, toToml: toToml, fmt: fmt };
  window.customElements.define("relu-explorer", ReluExplorer);
}());
