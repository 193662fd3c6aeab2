// plotly.js-dist-min ships no types; the few calls the chart element makes.
declare module "plotly.js-dist-min" {
  const Plotly: {
    react(root: HTMLElement, data: object[], layout: object, config: object): Promise<unknown>;
    purge(root: HTMLElement): void;
  };
  export default Plotly;
}
