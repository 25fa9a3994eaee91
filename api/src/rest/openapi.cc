#include "rest/openapi.h"

#include <string>

namespace isvgraph::api::rest {
namespace {

using nlohmann::json;

json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json JsonContent(const json& schema) { return {{"application/json", {{"schema", schema}}}}; }

json Ok(const std::string& what) {
  return {{"description", what}, {"content", JsonContent({{"type", "object"}})}};
}

json Error(const std::string& what) {
  return {{"description", what}, {"content", JsonContent(Ref("Error"))}};
}

json PathParam(const std::string& name, const std::string& what) {
  return {{"name", name},
          {"in", "path"},
          {"required", true},
          {"description", what},
          {"schema", {{"type", "string"}}}};
}

json QueryParam(const std::string& name, const std::string& what) {
  return {{"name", name},
          {"in", "query"},
          {"required", false},
          {"description", what},
          {"schema", {{"type", "string"}}}};
}

json Get(const std::string& summary, const json& parameters, const json& responses) {
  return {{"summary", summary}, {"parameters", parameters}, {"responses", responses}};
}

json Secured(json operation) {
  operation["security"] = json::array({{{"bearer", json::array()}}});
  return operation;
}

json Body(const std::string& schema) {
  return {{"required", true}, {"content", JsonContent(Ref(schema))}};
}

// The record schemas of the CRUD endpoints.
json RecordSchemas() {
  json string = {{"type", "string"}};
  json site = {{"type", "object"},
               {"required", {"id"}},
               {"properties",
                {{"id", string},
                 {"name", string},
                 {"country",
                  {{"type", "string"},
                   {"description",
                    "ISO 3166-1 alpha-2; empty, null or absent for an unknown country (scored "
                    "as missing data)"}}},
                 {"region", {{"type", "string"}, {"description", "ISO 3166-2, e.g. CN-XJ"}}},
                 {"sector", string},
                 {"role", string},
                 {"lat", {{"type", "number"}, {"nullable", true}}},
                 {"lon", {{"type", "number"}, {"nullable", true}}},
                 {"external_ids",
                  {{"type", "object"},
                   {"additionalProperties", string},
                   {"description", "scheme → value: os_id, rmi_cid, lei, duns"}}}}},
               {"additionalProperties", false}};
  json link = {
      {"type", "object"},
      {"required", {"supplier_id", "customer_id"}},
      {"properties",
       {{"id", {{"type", "string"}, {"readOnly", true}}},
        {"organisation", {{"type", "string"}, {"readOnly", true}}},
        {"supplier_id", string},
        {"customer_id", string},
        {"product", string},
        {"share", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}},
        {"confidence", {{"type", "string"}, {"enum", {"declared", "verified", "assumed"}}}},
        {"source", string}}}};
  json contract = {{"type", "object"},
                   {"required", {"id", "tier1_site_id"}},
                   {"properties",
                    {{"id", string},
                     {"organisation", {{"type", "string"}, {"readOnly", true}}},
                     {"buyer_site_id", string},
                     {"tier1_site_id", string},
                     {"title", string},
                     {"cpv", string},
                     {"value_eur", {{"type", "integer"}, {"minimum", 0}}},
                     {"chain_type", string}}}};
  return {{"Site", site}, {"Link", link}, {"Contract", contract}};
}

// GET list + POST on /v1/<plural>, GET/PUT/DELETE on /v1/<plural>/{id}.
void AddCrud(json& paths, const std::string& plural, const std::string& schema,
             const std::string& whose, const std::string& delete_role, json list_params) {
  const std::string collection = "/v1/" + plural;
  const std::string item = collection + "/{id}";
  list_params.push_back(QueryParam("limit", "page size, 1..1000 (default 100)"));
  list_params.push_back(QueryParam("cursor", "next_cursor of the previous page"));
  paths[collection]["get"] =
      Secured(Get("List " + whose + " " + plural + ", in id order, one page at a time", list_params,
                  {{"200", Ok("{\"items\": […], \"next_cursor\": string|null}")},
                   {"400", Error("bad limit or cursor")},
                   {"401", Error("no or invalid token")}}));
  paths[collection]["post"] =
      Secured({{"summary", "Create one of " + whose + " " + plural + " (buyer role)"},
               {"requestBody", Body(schema)},
               {"responses",
                {{"201", Ok("created; Location names it")},
                 {"400", Error("malformed JSON or invalid fields, each in details.fields")},
                 {"401", Error("no or invalid token")},
                 {"403", Error("the role may not write")},
                 {"409", Error("it exists already")}}}});
  json id = json::array({PathParam("id", "the id the list or create call returned")});
  paths[item]["get"] = Secured(Get("One of " + whose + " " + plural, id,
                                   {{"200", Ok(schema)},
                                    {"401", Error("no or invalid token")},
                                    {"404", Error("none such (or another organisation's)")}}));
  paths[item]["put"] =
      Secured({{"summary", "Create or replace one of " + whose + " " + plural + " (buyer role)"},
               {"parameters", id},
               {"requestBody", Body(schema)},
               {"responses",
                {{"200", Ok("stored")},
                 {"400", Error("invalid fields, each in details.fields")},
                 {"401", Error("no or invalid token")},
                 {"403", Error("the role may not write")}}}});
  paths[item]["delete"] =
      Secured({{"summary", "Delete one of " + whose + " " + plural + " (" + delete_role + " role)"},
               {"parameters", id},
               {"responses",
                {{"204", {{"description", "deleted"}}},
                 {"401", Error("no or invalid token")},
                 {"403", Error("the role may not delete")},
                 {"404", Error("none such (or another organisation's)")},
                 {"409", Error("still used by links or contracts")}}}});
}

}  // namespace

json OpenApiDocument(const BuildInfo& build) {
  json paths = json::object();
  paths["/v1/health"]["get"] =
      Get("Liveness, the open store with the memory its caches and write buffers hold "
          "(store.memory, bytes), the C heap in use and freed but held (heap), and whether "
          "every country's site names are in memory "
          "(site_names_ready)",
          json::array(), {{"200", Ok("the service is up")}});
  paths["/v1/version"]["get"] = Get("Program version, build, methodology and data editions",
                                    json::array(), {{"200", Ok("build information")}});
  paths["/v1/openapi.json"]["get"] =
      Get("This document", json::array(), {{"200", Ok("OpenAPI 3 document")}});
  paths["/v1/risk/themes"]["get"] =
      Get("Themes with severity and their ILO/OECD basis", json::array(), {{"200", Ok("themes")}});
  paths["/v1/risk/layers"]["get"] =
      Get("Risk layers: edition, licence, rows, coverage", json::array(), {{"200", Ok("layers")}});
  paths["/v1/risk/sectors"]["get"] =
      Get("Sector taxonomy with ISIC codes and the cited sector × theme table", json::array(),
          {{"200", Ok("sectors")}});
  paths["/v1/risk/countries/{code}"]["get"] = Get(
      "Country risk per theme with every indicator, raw value, year and source",
      json::array({PathParam(
          "code", "ISO 3166-1 alpha-2 or alpha-3 (any case), or a country name in any language")}),
      {{"200", Ok("country risk")},
       {"400", Error("not an alpha-2 or alpha-3 code")},
       {"404", Error("unknown country")}});
  json site_query = json::array(
      {QueryParam("country",
                  "ISO code or a name in any language; without it the site's country is "
                  "unknown and it is scored on its sector"),
       QueryParam("region", "ISO 3166-2 region, e.g. CN-XJ"),
       QueryParam("sector", "sector id or a unique prefix of one"),
       QueryParam("product", "product id, DOL good or HS code"),
       QueryParam("name", "site or company name, checked against the UFLPA Entity List")});
  paths["/v1/risk/sites"]["get"] =
      Get("Inherent risk of one site per theme, with flags and explanations", site_query,
          {{"200", Ok("site risk")},
           {"400", Error("missing country, bad region or unknown parameter")},
           {"404", Error("unknown country, sector or product")}});
  paths["/v1/risk/sites"]["post"] = {
      {"summary", "Inherent risk of up to 1,000 sites; all or nothing"},
      {"requestBody",
       {{"required", true},
        {"content",
         JsonContent({{"type", "object"},
                      {"required", {"sites"}},
                      {"properties",
                       {{"sites", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}})}}},
      {"responses",
       {{"200", Ok("results, in request order")},
        {"400", Error("malformed JSON, or sites that could not be scored (listed by index)")},
        {"413", Error("body over the limit")}}}};
  paths["/v1/cpv/{code}"]["get"] =
      Get("A CPV 2008 code: EN/NL description, ancestors, product group",
          json::array({PathParam("code", "8 digits, optionally '-' and the check digit")}),
          {{"200", Ok("the code resolved")},
           {"400", Error("malformed code or wrong check digit")},
           {"404", Error("unknown code, with the nearest codes")}});
  paths["/"]["get"] =
      Get("The web UI (index.html)", json::array(), {{"200", {{"description", "text/html"}}}});
  paths["/ui/{file}"]["get"] =
      Get("A file of the web UI (scripts, styles)", json::array({PathParam("file", "file name")}),
          {{"200", {{"description", "the file"}}}, {"404", Error("no such file")}});
  paths["/v1/cpv"]["get"] =
      Get("Search CPV 2008 codes by words of their English or Dutch description, or by leading "
          "digits; codes of a product group first",
          json::array({QueryParam("q", "words or digits (required)")}),
          {{"200", Ok("{q, matches: [{code, level, en, nl, product_group}]}")},
           {"400", Error("no q")}});
  paths["/v1/product-groups"]["get"] =
      Get("Product-group profiles (summary)", json::array(), {{"200", Ok("profiles")}});
  paths["/v1/product-groups/{id}"]["get"] =
      Get("One product-group profile with its template chain",
          json::array({PathParam("id", "profile id, e.g. natural_stone")}),
          {{"200", Ok("profile")}, {"404", Error("unknown profile, with the list of ids")}});

  json bearer = json::array({{{"bearer", json::array()}}});
  json chain =
      Get("Chain exposure of one of the caller's contracts: reach, tiers, flags, worst "
          "paths and reasons; the sites one page at a time (the counts are the whole chain's)",
          json::array({PathParam("id", "contract id"),
                       QueryParam("all_sites", "true: list every reached site"),
                       QueryParam("limit", "sites per page, 1..1000 (default 100)"),
                       QueryParam("cursor", "next_cursor of the previous page")}),
          {{"200", Ok("chain exposure with \"next_cursor\": string|null")},
           {"400", Error("bad all_sites, limit or cursor")},
           {"401", Error("no, unknown, expired or revoked token")},
           {"404", Error("no such contract in the caller's organisation")}});
  chain["security"] = bearer;
  paths["/v1/contracts/{id}/chain"]["get"] = chain;
  json flags = Get("Summary of every chain of the caller's organisation", json::array(),
                   {{"200", Ok("chains")}, {"401", Error("no or invalid token")}});
  flags["security"] = bearer;
  paths["/v1/chains/flags"]["get"] = flags;

  json candidates = Get(
      "Joint-audit candidates: flagged sites the caller's contracts reach together with those of "
      "other members of its audit groups, ranked by organisations, score, site id; only the "
      "caller's own contracts and values are shown",
      json::array({QueryParam("limit", "how many, 1..1000 (default 100)")}),
      {{"200", Ok("candidates with explanations")}, {"401", Error("no or invalid token")}});
  paths["/v1/joint-audit/candidates"]["get"] = Secured(candidates);
  AddCrud(paths, "sites", "Site", "the shared registry's", "admin",
          json::array({QueryParam("country", "ISO alpha-2"), QueryParam("sector", "sector id")}));
  AddCrud(paths, "links", "Link", "the caller's organisation's", "buyer", json::array());
  AddCrud(paths, "contracts", "Contract", "the caller's organisation's", "buyer", json::array());

  json import_op = Get(
      "Import a file (the body) as one atomic write; answers the import report (buyer role). "
      "Links and contracts belong to the caller's organisation.",
      json::array({QueryParam("kind", "sites, links, contracts, osh, geo, cmrt or ocds"),
                   QueryParam("format",
                              "csv, tsv, xlsx, ods, geojson, gpkg, json or jsonl; "
                              "default from Content-Type"),
                   QueryParam("dry_run", "true: report what would happen, write nothing"),
                   QueryParam("accept_partial", "true: write the good rows despite rejected ones"),
                   QueryParam("declaring_site", "cmrt: the registry site that sent the workbook"),
                   QueryParam("map",
                              "which header is which column: name=Mine Name,country=\"Country / "
                              "Area\" (tables only)"),
                   QueryParam("filename", "the file's name as reports should show it")}),
      {{"200", Ok("the import report (written, or a dry run)")},
       {"422", Ok("the import report: rows were rejected, nothing was written")},
       {"400", Error("unknown kind, empty body or a file that cannot be read")},
       {"413", Error("body over the server's limit")},
       {"415", Error("format not given or not supported")}});
  import_op["requestBody"] = {
      {"required", true},
      {"content",
       {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  paths["/v1/imports"]["post"] = Secured(import_op);
  paths["/v1/contracts/{id}/followup"]["get"] = Secured(Get(
      "The contract's ISV follow-up: deliverables and escalation steps with date, note and the "
      "tier the case concerns; the escalation stage reached",
      json::array({PathParam("id", "contract id")}),
      {{"200", Ok("the follow-up")}, {"404", Error("no such contract for this organisation")}}));
  json add_step = Get(
      "Record a follow-up step (buyer role): {step, date YYYY-MM-DD, note, tier 0|1|2}; steps are "
      "risk_analysis_received, plan_agreed, annual_report, talks, external_advice, investigation, "
      "default_notice, fine, termination",
      json::array({PathParam("id", "contract id")}),
      {{"201", Ok("the follow-up with the new step")},
       {"400", Error("unknown step, bad date or tier, unknown field")},
       {"404", Error("no such contract for this organisation")},
       {"409", Error("the contract was terminated")}});
  add_step["requestBody"] = {{"required", true}, {"content", JsonContent({{"type", "object"}})}};
  paths["/v1/contracts/{id}/followup"]["post"] = Secured(add_step);
  paths["/v1/contracts/{id}/report.html"]["get"] = Secured(
      Get("The contract report as one self-contained printable HTML page: flags with reasons and "
          "sources, themes, flagged sites, assumed tiers, methodology and data editions",
          json::array({PathParam("id", "contract id")}),
          {{"200", {{"description", "text/html"}}},
           {"404", Error("no such contract for this organisation")}}));
  paths["/v1/contracts/{id}/assessment"]["get"] = Secured(Get(
      "Contract assessment: chain risk per theme (worst place, never discounted by tier), "
      "flagged sites with worst paths, undisclosed tiers assumed from the product-group "
      "template, ISV flags (clause, due-diligence plan themes per tier, joint-audit candidates)",
      json::array({PathParam("id", "contract id")}),
      {{"200", Ok("the assessment")}, {"404", Error("no such contract for this organisation")}}));
  paths["/v1/backups"]["post"] = Secured(
      Get("A consistent checkpoint of the whole store, taken while serving, into a new directory "
          "under the server's --backup-dir (the operator's token only; one at a time); restore "
          "with isvgraph restore",
          json::array(),
          {{"201", Ok("{name, bytes, files, format, sites, links, contracts}")},
           {"409", Error("the server has no backup directory, or a backup is being taken")}}));
  paths["/v1/risk-data/changes"]["get"] = Secured(
      Get("What switching to the risk data directory as it is on disk now would change (the "
          "operator's token only): the layers whose edition or rows differ, and per organisation "
          "the contracts whose flags or ISV verdict change, with the listings and scores behind "
          "each. ?organisation=ID for one",
          json::array(),
          {{"200", Ok("{layers: [{layer, before, after}], contracts_checked, contracts: "
                      "[{organisation, contract_id, title, changes: [{what, before, after, "
                      "causes}]}]}")},
           {"404", Error("no such organisation")},
           {"409", Error("the directory does not load (file and line named)")}}));
  paths["/v1/risk-data/reload"]["post"] = Secured(
      Get("Switch to the risk data directory as it is on disk now, as SIGHUP does (the "
          "operator's token only): every site rescored, then every answer uses the new edition",
          json::array(),
          {{"200", Ok("{layers: [{layer, before, after}], data_editions, load_seconds, "
                      "rescore_seconds}")},
           {"409", Error("the directory does not load; the edition in use stays")}}));
  paths["/v1/sites/{id}"]["put"]["responses"]["202"] =
      Ok("{message, proposal}: other organisations' chains use the site; the change waits for "
         "them (GET /v1/proposals)");
  paths["/v1/sites/{id}/history"]["get"] = Secured(
      Get("Every write that touched the site, oldest first: time, organisation, token id, the "
          "request, and what changed field by field",
          json::array({PathParam("id", "site id")}),
          {{"200", Ok("{site_id, entries: [{seq, time, organisation, token_id, what, sites}]}")},
           {"404", Error("no such site and no history")}}));
  paths["/v1/proposals"]["get"] = Secured(
      Get("Changes to shared sites that wait for consent, which the token's organisation made or "
          "is asked to accept (the operator: all); newest first. ?state=pending|accepted|"
          "rejected|withdrawn, ?site=ID",
          json::array(), {{"200", Ok("{proposals: [...]}")}}));
  for (const char* decision : {"accept", "reject"}) {
    paths[std::string("/v1/proposals/{id}/") + decision]["post"] = Secured(
        Get(std::string(decision) == "accept"
                ? "Accepts a proposal for the token's organisation (buyer, admin) or for everyone "
                  "(operator); the site is written when the last one accepts"
                : "Rejects a proposal (any organisation asked, or the operator); the proposer's "
                  "own reject withdraws it",
            json::array({PathParam("id", "proposal id")}),
            {{"200", Ok("the proposal as it now stands")},
             {"403", Error("the proposer cannot accept its own change")},
             {"404", Error("no such proposal for this organisation")},
             {"409", Error("no longer pending")}}));
  }
  paths["/v1/tokens"]["get"] = Secured(
      Get("The tokens of the token's organisation (admin role): id, role, dates, whether revoked; "
          "never the tokens themselves",
          json::array(), {{"200", Ok("{organisation, tokens: [...]}")}}));
  json revoke = Get("Revokes one of the organisation's tokens by its id (admin role)",
                    json::array({PathParam("id", "the token's id from GET /v1/tokens")}),
                    {{"204", Ok("revoked")}, {"404", Error("no such token")}});
  paths["/v1/tokens/{id}"]["delete"] = Secured(revoke);
  paths["/v1/audit-groups"]["get"] = Secured(
      Get("The audit groups (Swedish model) of the token's organisation, with their members",
          json::array(),
          {{"200", Ok("{organisation, audit_groups: [{id, members, member_organisations}]}")}}));
  json join =
      Get("The token's organisation founds a new audit group (admin role); members of an "
          "existing group are added by the operator (isvgraph group join): 403",
          json::array({PathParam("group", "audit group id")}),
          {{"201", Ok("the membership")}, {"400", Error("malformed group id")}});
  paths["/v1/audit-groups/{group}/members"]["post"] = Secured(join);
  paths["/v1/audit-groups/{group}/candidates"]["get"] = Secured(
      Get("Joint-audit candidates: flagged sites the contracts of at least two members reach (only "
          "sites the asking member reaches itself), ranked by leverage (members x their combined "
          "contract value, shown relative to the first) then risk; sites with an audit that counts "
          "for the member (valid, clause at least as strict) left out; each rank explained",
          json::array(
              {PathParam("group", "audit group id"), QueryParam("limit", "1..1000 (default 50)")}),
          {{"200", Ok("{audit_group, candidates: [...]}")},
           {"404", Error("not a group of this organisation")}}));
  paths["/v1/audit-groups/{group}/plan"]["get"] = Secured(
      Get("Audit plan: the top candidates in trips by country and distance, a lead (largest value "
          "reaching the trip) and co-financing shares by contract value",
          json::array({PathParam("group", "audit group id"),
                       QueryParam("format", "json (default), csv, html or xlsx"),
                       QueryParam("candidates", "how many top candidates (default 12)"),
                       QueryParam("radius_km", "trip radius (default 300)"),
                       QueryParam("max_sites", "sites per trip (default 4)")}),
          {{"200", Ok("the plan")},
           {"400", Error("bad parameter")},
           {"404", Error("not a group of this organisation")}}));
  json profile =
      Get("Set the organisation's authority (central | sub_central) and clause level "
          "(basic | advanced) (admin role)",
          json::array(), {{"200", Ok("the profile")}, {"400", Error("unknown value or field")}});
  profile["requestBody"] = {{"required", true}, {"content", JsonContent({{"type", "object"}})}};
  paths["/v1/organisation"]["put"] = Secured(profile);
  json record =
      Get("Record an audit (auditor role): site, type (self_assessment, desk, site, "
          "follow_up), date, valid_until (default +2 years), clause_level, audit_group "
          "to share it with, findings {theme, grade priority|major|minor, text}, CAP "
          "items {finding, action, owner, deadline, status}",
          json::array(),
          {{"201", Ok("the audit as recorded")},
           {"400", Error("every problem of the audit; nothing written")}});
  record["requestBody"] = {{"required", true}, {"content", JsonContent({{"type", "object"}})}};
  paths["/v1/audits"]["post"] = Secured(record);
  paths["/v1/audits"]["get"] = Secured(
      Get("Audits the organisation may see: its own and those shared with its groups, newest first",
          json::array({QueryParam("site", "only this site's")}), {{"200", Ok("{audits: [...]}")}}));
  paths["/v1/audits/{id}"]["get"] = Secured(
      Get("One audit", json::array({PathParam("id", "audit id")}),
          {{"200", Ok("the audit")}, {"404", Error("no such audit for this organisation")}}));
  paths["/v1/alerts"]["get"] = Secured(
      Get("Alerts: overdue corrective actions and recent severe findings (forced or child labour, "
          "life-threatening conditions) at sites the organisation's contracts reach",
          json::array({QueryParam("days", "severe findings of audits this recent (default 14)")}),
          {{"200", Ok("{organisation, today, alerts: [...]}")}}));
  paths["/v1/locate"]["get"] =
      Get("Where a point lies: country and province (Natural Earth), distance to the border or "
          "coast, or the nearest country at sea; with country, that country checked against it "
          "(agrees, near_border within the tolerance, disagrees)",
          json::array({QueryParam("lat", "latitude, WGS 84 (required)"),
                       QueryParam("lon", "longitude, WGS 84 (required)"),
                       QueryParam("country", "a declared country to check (alpha-2/3 or name)")}),
          {{"200", Ok("the location, or the check")},
           {"400", Error("lat or lon missing, not a number or out of range")},
           {"404", Error("unknown country")}});
  paths["/v1/sites/{id}/location"]["get"] =
      Secured(Get("A registry site's coordinates against its declared country",
                  json::array({PathParam("id", "site id")}),
                  {{"200", Ok("the check")},
                   {"404", Error("no such site")},
                   {"409", Error("the site has no coordinates")}}));
  for (const char* format : {"geojson", "gpkg", "kml"}) {
    paths[std::string("/v1/maps/countries.") + format]["get"] =
        Get("Country risk of one theme as a polygon layer (opens in QGIS): value, class, the "
            "indicators behind it",
            json::array({QueryParam("theme", "theme id, e.g. forced_labour (required)")}),
            {{"200", {{"description", "the vector file"}}},
             {"400", Error("no theme")},
             {"404", Error("unknown theme")}});
  }
  paths["/v1/maps/risk/{file}"]["get"] =
      Get("A theme's country-risk choropleth with legend, data editions and attribution",
          json::array({PathParam("file", "THEME.png or THEME.svg"),
                       QueryParam("width", "pixels, 400..4000 (default 1200)"),
                       QueryParam("height", "pixels, 300..3000 (default 700)")}),
          {{"200", {{"description", "image/png or image/svg+xml"}}},
           {"400", Error("bad size")},
           {"404", Error("unknown theme or format")}});
  paths["/v1/maps/chains/{file}"]["get"] = Secured(
      Get("A contract's chain as a map: sites as points with risk attributes (at their country "
          "when without coordinates), links as lines, assumed tiers marked (dashed when drawn)",
          json::array({PathParam("file", "CONTRACT.geojson, .gpkg, .kml, .png or .svg"),
                       QueryParam("width", "pixels for images"),
                       QueryParam("height", "pixels for images")}),
          {{"200", {{"description", "the vector file or image"}}},
           {"404", Error("no such contract for this organisation, or unknown format")}}));
  paths["/v1/tender-check"]["get"] =
      Get("Tender check before suppliers are known: product group, template chain scored, themes "
          "ranked severity first with reasons and sources, ISV clause mandatory or advised, "
          "measures and questions for bidders, OECD guidance",
          json::array(
              {QueryParam("cpv", "CPV code(s), comma-separated (required)"),
               QueryParam("countries", "expected source countries, ISO alpha-2, comma-separated"),
               QueryParam("value", "estimated value in euro"),
               QueryParam("authority", "central (default) or sub_central"),
               QueryParam("date", "YYYY-MM-DD of the tender (default today) for the threshold")}),
          {{"200", Ok("the tender advice")},
           {"400", Error("no or malformed CPV code, bad value or authority")},
           {"404", Error("unknown CPV code (details name the nearest codes) or country")}});
  paths["/v1/imports/templates/{file}"]["get"] = Get(
      "A template to fill in: sites.csv, links.xlsx, … (kinds sites, links, contracts, osh, geo)",
      json::array({PathParam("file", "KIND.csv or KIND.xlsx")}),
      {{"200", {{"description", "the template file"}}}, {"404", Error("no such template")}});
  json match =
      Get("Match candidate sites against the registry (external ids, id, name + country, similar "
          "name, distance); writes nothing",
          json::array(),
          {{"200", Ok("{\"matches\": [{index, site_id|null, rule, score, site}]}")},
           {"400", Error("every problem of the body in details.fields")}});
  match["requestBody"] = {
      {"required", true},
      {"content",
       JsonContent(
           {{"type", "object"},
            {"properties",
             {{"sites",
               {{"type", "array"}, {"maxItems", 1000}, {"items", {{"type", "object"}}}}}}}})}};
  paths["/v1/sites/match"]["post"] = Secured(match);

  json error_schema = {{"type", "object"},
                       {"required", {"error"}},
                       {"properties",
                        {{"error",
                          {{"type", "object"},
                           {"required", {"code", "message", "details"}},
                           {"properties",
                            {{"code", {{"type", "string"}}},
                             {"message", {{"type", "string"}}},
                             {"details", {{"type", "object"}}}}}}}}}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "isvgraph REST API"},
            {"version", build.version},
            {"description",
             "Supply-chain due diligence for public procurement. Every error uses the envelope "
             "{\"error\":{\"code\",\"message\",\"details\"}}."},
            {"license", {{"name", "Apache-2.0"}}}}},
          {"paths", paths},
          {"components",
           {{"schemas",
             [&] {
               json schemas = RecordSchemas();
               schemas["Error"] = error_schema;
               return schemas;
             }()},
            {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace isvgraph::api::rest
