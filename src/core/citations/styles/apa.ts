/**
 * APA Style, 7th edition, for the two kinds of source we cite: a report by an institution and a web
 * page by an organization.
 *
 * citation-js ships a complete APA style, but building a citeproc engine for it takes two to three
 * seconds on this project's machines (its 66 kB of macros), which a one-shot `policybot cite` cannot
 * afford. This subset renders the same references for our sources in a few milliseconds;
 * tests/citations/styles.test.ts checks it against the shipped style.
 *
 * What CSL cannot say is done on the data in render.ts: a publisher that is also the author is
 * left out (APA 7: "when the author and publisher are the same, omit the publisher", which for a web
 * page means omitting the site name).
 */
export const APA_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never" initialize-with=". ">
  <info>
    <title>APA Style 7th edition, policybot subset</title>
    <id>policybot-apa</id>
    <category citation-format="author-date"/>
    <summary>Reports by an institution and web pages by an organization, as policybot cites them.</summary>
    <updated>2026-11-26T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="all" and="symbol" sort-separator=", " initialize-with=". " delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <macro name="author-intext">
    <names variable="author">
      <name form="short" and="symbol" delimiter=", " initialize-with=". "/>
    </names>
  </macro>
  <macro name="date-reference">
    <group prefix="(" suffix=")">
      <choose>
        <if variable="issued">
          <choose>
            <if type="webpage">
              <date variable="issued">
                <date-part name="year"/>
                <date-part name="month" prefix=", "/>
                <date-part name="day" prefix=" "/>
              </date>
            </if>
            <else>
              <date variable="issued" date-parts="year" form="text"/>
            </else>
          </choose>
        </if>
        <else>
          <text term="no date" form="short"/>
        </else>
      </choose>
    </group>
  </macro>
  <macro name="date-intext">
    <choose>
      <if variable="issued">
        <date variable="issued" date-parts="year" form="text"/>
      </if>
      <else>
        <text term="no date" form="short"/>
      </else>
    </choose>
  </macro>
  <macro name="location">
    <choose>
      <if variable="issued">
        <text variable="URL"/>
      </if>
      <else-if variable="accessed">
        <group delimiter=" ">
          <text term="retrieved" text-case="capitalize-first"/>
          <date variable="accessed" form="text" suffix=","/>
          <text term="from"/>
          <text variable="URL"/>
        </group>
      </else-if>
      <else>
        <text variable="URL"/>
      </else>
    </choose>
  </macro>
  <citation disambiguate-add-year-suffix="true">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", ">
        <text macro="author-intext"/>
        <text macro="date-intext"/>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="author"/>
      <key macro="date-intext"/>
    </sort>
    <layout>
      <group delimiter=" ">
        <group delimiter=". " suffix=".">
          <text macro="author"/>
          <text macro="date-reference"/>
          <text variable="title" font-style="italic"/>
          <text variable="publisher"/>
        </group>
        <text macro="location"/>
      </group>
    </layout>
  </bibliography>
</style>
`;
