/**
 * Chicago Manual of Style, 17th edition, notes and bibliography, for the two kinds of source we cite:
 * a report by an institution and a web page by an organization. citation-js ships no Chicago style;
 * this one is ours. Kept as a module rather than a .csl file so that tests and the esbuild bundle
 * load it alike.
 *
 * Citations (notes): a first citation gives the full note; a subsequent one (position="subsequent")
 * the short note: author, short title. Ibid. is never used (CMOS 17 prefers the short note).
 * Titles are stored in sentence case and set in headline style here (text-case="title").
 */
export const CHICAGO_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" demote-non-dropping-particle="display-and-sort">
  <info>
    <title>Chicago Manual of Style 17th edition (notes and bibliography), policybot subset</title>
    <id>policybot-chicago</id>
    <category citation-format="note"/>
    <summary>Reports by an institution and web pages by an organization, as policybot cites them.</summary>
    <updated>2026-11-26T00:00:00+00:00</updated>
  </info>
  <macro name="author-bibliography">
    <names variable="author">
      <name name-as-sort-order="first" and="text" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <macro name="author-note">
    <names variable="author">
      <name and="text" delimiter=", "/>
    </names>
  </macro>
  <macro name="author-short">
    <names variable="author">
      <name form="short" and="text" delimiter=", "/>
    </names>
  </macro>
  <macro name="title">
    <choose>
      <if type="webpage">
        <text variable="title" text-case="title" quotes="true"/>
      </if>
      <else>
        <text variable="title" text-case="title" font-style="italic"/>
      </else>
    </choose>
  </macro>
  <macro name="title-short">
    <choose>
      <if type="webpage">
        <text variable="title" form="short" text-case="title" quotes="true"/>
      </if>
      <else>
        <text variable="title" form="short" text-case="title" font-style="italic"/>
      </else>
    </choose>
  </macro>
  <macro name="issued">
    <date variable="issued" form="text"/>
  </macro>
  <macro name="accessed-note">
    <group delimiter=" ">
      <text term="accessed"/>
      <date variable="accessed" form="text"/>
    </group>
  </macro>
  <macro name="accessed-bibliography">
    <group delimiter=" ">
      <text term="accessed" text-case="capitalize-first"/>
      <date variable="accessed" form="text"/>
    </group>
  </macro>
  <citation>
    <layout suffix="." delimiter="; ">
      <choose>
        <if position="subsequent">
          <group delimiter=", ">
            <text macro="author-short"/>
            <text macro="title-short"/>
          </group>
        </if>
        <else-if type="webpage">
          <group delimiter=", ">
            <text macro="author-note"/>
            <text macro="title"/>
            <choose>
              <if variable="issued">
                <text macro="issued"/>
              </if>
              <else>
                <text macro="accessed-note"/>
              </else>
            </choose>
            <text variable="URL"/>
          </group>
        </else-if>
        <else>
          <group delimiter=", ">
            <group delimiter=" ">
              <group delimiter=", ">
                <text macro="author-note"/>
                <text macro="title"/>
              </group>
              <group prefix="(" suffix=")" delimiter=", ">
                <text variable="publisher"/>
                <text macro="issued"/>
              </group>
            </group>
            <text variable="URL"/>
          </group>
        </else>
      </choose>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="author-bibliography"/>
      <key variable="title"/>
    </sort>
    <layout suffix=".">
      <choose>
        <if type="webpage">
          <group delimiter=". ">
            <text macro="author-bibliography"/>
            <text macro="title"/>
            <choose>
              <if variable="issued">
                <text macro="issued"/>
              </if>
              <else>
                <text macro="accessed-bibliography"/>
              </else>
            </choose>
            <text variable="URL"/>
          </group>
        </if>
        <else>
          <group delimiter=". ">
            <text macro="author-bibliography"/>
            <text macro="title"/>
            <group delimiter=", ">
              <text variable="publisher"/>
              <text macro="issued"/>
            </group>
            <text variable="URL"/>
          </group>
        </else>
      </choose>
    </layout>
  </bibliography>
</style>
`;
