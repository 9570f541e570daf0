/**
 * MLA Handbook, 9th edition, for the two kinds of source we cite: a report by an institution and a
 * web page by an organization. citation-js ships no MLA style; this one is ours.
 *
 * Works Cited entries follow MLA's core elements: Author. Title. Container, Publisher, Date,
 * Location. Then the access date, which MLA recommends when a work gives no date.
 *
 * What CSL cannot say is done on the data in render.ts: a work whose author is also its publisher
 * begins with its title, the organization given only as publisher (MLA 9, organizations and
 * government agencies as authors); and URLs lose their "https://" (MLA 9: the protocol can usually
 * be omitted).
 */
export const MLA_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never">
  <info>
    <title>MLA Handbook 9th edition, policybot subset</title>
    <id>policybot-mla</id>
    <category citation-format="author"/>
    <summary>Reports by an institution and web pages by an organization, as policybot cites them.</summary>
    <updated>2026-11-26T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="first" and="text" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <macro name="author-intext">
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
  <macro name="title-intext">
    <choose>
      <if type="webpage">
        <text variable="title" form="short" text-case="title" quotes="true"/>
      </if>
      <else>
        <text variable="title" form="short" text-case="title" font-style="italic"/>
      </else>
    </choose>
  </macro>
  <macro name="day-month-year">
    <date variable="issued">
      <date-part name="day" suffix=" "/>
      <date-part name="month" form="short" suffix=" "/>
      <date-part name="year"/>
    </date>
  </macro>
  <macro name="accessed">
    <group delimiter=" ">
      <text term="accessed" text-case="capitalize-first"/>
      <date variable="accessed">
        <date-part name="day" suffix=" "/>
        <date-part name="month" form="short" suffix=" "/>
        <date-part name="year"/>
      </date>
    </group>
  </macro>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <choose>
        <if variable="author">
          <text macro="author-intext"/>
        </if>
        <else>
          <text macro="title-intext"/>
        </else>
      </choose>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="author"/>
      <key variable="title"/>
    </sort>
    <layout>
      <group delimiter=" ">
        <group delimiter=". " suffix=".">
          <text macro="author"/>
          <text macro="title"/>
          <group delimiter=", ">
            <text variable="container-title" font-style="italic"/>
            <text variable="publisher"/>
            <text macro="day-month-year"/>
            <text variable="URL"/>
          </group>
        </group>
        <group suffix=".">
          <text macro="accessed"/>
        </group>
      </group>
    </layout>
  </bibliography>
</style>
`;
