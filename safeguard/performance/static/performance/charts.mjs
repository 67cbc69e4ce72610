// Draw every chart on the page with Vega, from the Vega-Lite spec beside it.
//
// The page's Content-Security-Policy allows no eval: `ast: true` makes Vega parse its
// expressions to syntax trees, which vega-embed runs with vega-interpreter (bundled in
// the vega-embed library this page loads first) instead of compiling them to functions.
// vega-embed's and vega-tooltip's own stylesheets would be inline <style> elements, which
// the policy also refuses: performance.css styles the tooltip instead.
const OPTIONS = {
  ast: true,
  renderer: "svg",
  actions: false,
  defaultStyle: false,
  tooltip: { disableDefaultStyle: true },
};

function draw(figure) {
  const spec = JSON.parse(document.getElementById(figure.dataset.chartSpec).textContent);
  const canvas = figure.querySelector(".sg-chart__canvas");
  return window
    .vegaEmbed(canvas, spec, OPTIONS)
    .then(() => {
      if (figure.classList.contains("sg-chart--spark")) {
        // A sparkline is one image, named by its description (Vega puts that on the
        // container); its marks are hidden from assistive technology, and the table
        // beside it holds the figures.
        canvas.setAttribute("role", "img");
        canvas.querySelector("svg")?.setAttribute("aria-hidden", "true");
      }
      figure.classList.add("sg-chart--drawn");
      const fallback = figure.querySelector(".sg-chart__static");
      if (fallback) fallback.hidden = true;
    })
    .catch((error) => {
      figure.classList.add("sg-chart--failed");
      console.error("Chart not drawn:", figure.dataset.chartSpec, error);
    });
}

const figures = Array.from(document.querySelectorAll("[data-chart-spec]"));
if (window.vegaEmbed) {
  Promise.all(figures.map(draw)).then(() => {
    document.body.dataset.chartsDrawn = String(figures.length);
  });
}
