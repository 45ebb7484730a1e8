<?xml version="1.0" encoding="UTF-8"?>
<!-- Reading edition: the index page. Input: <cg:corpus> with one <cg:entry href="…"> per document, each
     holding its TEI; output: a chronological table, sortable and filterable by edition.js, complete without it. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>
  <xsl:param name="title" as="xs:string" select="'Telegrams'"/>
  <xsl:param name="assets" as="xs:string" select="'assets/'"/>
  <!-- the index comes in parts of a fixed size (render/site.py), so that it stays fast at any corpus size -->
  <xsl:param name="page" as="xs:integer" select="1"/>
  <xsl:param name="pages" as="xs:integer" select="1"/>
  <xsl:param name="total" as="xs:integer" select="-1"/>

  <xsl:function name="cg:index-href" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n = 1) then 'index.html' else concat('index-', $n, '.html')"/>
  </xsl:function>

  <xsl:template name="index-pages">
    <xsl:if test="$pages gt 1">
      <nav class="pages" aria-label="Index pages">
        <ul>
          <xsl:for-each select="1 to $pages">
            <xsl:choose>
              <xsl:when test=". = $page"><li><a aria-current="page" href="{cg:index-href(.)}"><xsl:value-of select="."/></a></li></xsl:when>
              <xsl:when test=". = (1, $pages) or abs(. - $page) le 3"><li><a href="{cg:index-href(.)}"><xsl:value-of select="."/></a></li></xsl:when>
              <xsl:when test="abs(. - $page) = 4"><li>…</li></xsl:when>
            </xsl:choose>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/cg:corpus">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <meta name="DC.title" content="{$title}"/>
        <meta name="DC.type" content="Collection"/>
        <meta name="description" content="{$title}: {if ($total ge 0) then $total else count(cg:entry)} documents"/>
        <script type="application/ld+json"><xsl:value-of select="serialize(map{'@context': 'https://schema.org', '@type': 'CollectionPage', 'name': $title}, map{'method': 'json'})"/></script>
        <link rel="stylesheet" href="{$assets}edition.css"/>
        <script src="{$assets}edition.js" defer="defer"></script>
      </head>
      <body class="index">
        <header class="site">
          <nav aria-label="Edition"><a href="index.html">All telegrams</a> · <a href="search.html">Search</a> · <a href="browse.html">Browse</a> · <a href="registers.html">Registers</a></nav>
        </header>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <p class="count"><xsl:value-of select="if ($total ge 0) then $total else count(cg:entry)"/> documents, in chronological order<xsl:if test="$pages gt 1">; page <xsl:value-of select="$page"/> of <xsl:value-of select="$pages"/></xsl:if>.</p>
          <xsl:call-template name="index-pages"/>
          <p class="filter" hidden="hidden">
            <label for="filter">Filter</label>
            <input type="search" id="filter" data-filter="documents"/>
          </p>
          <table id="documents" class="documents">
            <thead>
              <tr>
                <th scope="col" data-sort="date">Date</th>
                <th scope="col" data-sort="text">Title</th>
                <th scope="col" data-sort="text">From → to</th>
                <th scope="col" data-sort="text">Languages</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="cg:entry">
                <xsl:sort select="cg:date-iso((t:TEI, t:teiCorpus)[1])"/>
                <xsl:sort select="cg:title((t:TEI, t:teiCorpus)[1])"/>
                <xsl:variable name="tei" select="(t:TEI, t:teiCorpus)[1]"/>
                <tr>
                  <td data-value="{cg:date-iso($tei)}"><xsl:choose>
                    <xsl:when test="cg:date-iso($tei)"><time datetime="{cg:date-iso($tei)}"><xsl:value-of select="cg:date-label($tei)"/></time></xsl:when>
                    <xsl:otherwise><xsl:value-of select="cg:date-label($tei)"/></xsl:otherwise>
                  </xsl:choose></td>
                  <td><a href="{@href}"><xsl:value-of select="cg:title($tei)"/></a></td>
                  <td><xsl:value-of select="string-join((cg:sender($tei)[. != ''], cg:recipient($tei)[. != '']), ' → ')"/></td>
                  <td><xsl:value-of select="string-join(distinct-values($tei/t:text/t:body/t:div/@xml:lang), ', ')"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <xsl:call-template name="index-pages"/>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
