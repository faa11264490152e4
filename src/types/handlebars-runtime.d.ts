declare module "handlebars/runtime.js" {
  import Handlebars from "handlebars";
  export default Handlebars;
}
